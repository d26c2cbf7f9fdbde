using System.Data.Common;
using KpiIngest.Data.Source;
using Npgsql;
using NpgsqlTypes;

namespace KpiIngest.Data.Dialects;

/// <summary>
/// PostgreSQL through Npgsql: dates as date, UTC instants as timestamptz (a UTC DateTime), local timestamps as
/// timestamp (a DateTime of no kind); a list of keys as a text[] array.
/// </summary>
public sealed class PostgreSqlDialect : EngineDialect
{
    internal PostgreSqlDialect()
    {
    }

    public override DbEngine Engine => DbEngine.PostgreSql;

    public override object Day(DateOnly day) => day;

    public override object Utc(DateTimeOffset instant) => instant.UtcDateTime;

    public override object Local(DateTime local) => DateTime.SpecifyKind(local, DateTimeKind.Unspecified);

    public override DbParameter Parameter(string name, object? value) => new NpgsqlParameter(name, value ?? DBNull.Value);

    public override bool IsTimestampType(string columnType) => TimestampType(columnType) is not null;

    public override DbParameter TimestampParameter(string name, object value, string? columnType) =>
        columnType is not null && TimestampType(columnType) is { } type
            ? new NpgsqlParameter(name, type) { Value = value }
            : Parameter(name, value);

    public override DbParameter KeyListParameter(string name, IReadOnlyCollection<string> keys) =>
        new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = keys.ToArray() };

    /// <summary>
    /// A timestamptz column is compared with the instant the local watermark names (DateTime.MinValue stays
    /// -infinity); a date column from the day it falls on, since a row changed later that day shows only the day.
    /// </summary>
    public override object Watermark(DateTime from, string? columnType, TimeZoneInfo zone) =>
        (columnType is null ? null : TimestampType(columnType)) switch
        {
            NpgsqlDbType.TimestampTz when from == DateTime.MinValue => DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc),
            NpgsqlDbType.TimestampTz => Utc(SourceInstants.ToOffset(from, zone)),
            NpgsqlDbType.Date => from.Date,
            _ => from,
        };

    private static NpgsqlDbType? TimestampType(string columnType) => columnType switch
    {
        "timestamp without time zone" => NpgsqlDbType.Timestamp,
        "timestamp with time zone" => NpgsqlDbType.TimestampTz,
        "date" => NpgsqlDbType.Date,
        _ => null,
    };
}
