using System.Data.Common;
using KpiIngest.Core.Source;
using Npgsql;
using NpgsqlTypes;

namespace KpiIngest.Data.Source;

/// <summary>
/// The contract read from PostgreSQL through Npgsql, in the schema <c>Source:Schema</c> (default public).
/// Values come back typed (timestamp as DateTime, timestamptz as UTC DateTime, date as DateOnly, numeric as
/// decimal, boolean as bool); Core's checks read them as they are.
/// </summary>
public sealed class PostgreSqlSourceReader(string connectionString, string? schema, TimeZoneInfo zone)
    : ServerSourceReader(DbEngine.PostgreSql, connectionString, SchemaOrDefault(schema))
{
    public const string DefaultSchema = "public";

    protected override SourceColumns DescribeColumns()
    {
        // Unquoted names in the reader's SQL fold to lower case, so only exactly lower-case columns will be found.
        var columns = new SourceColumns(StringComparer.Ordinal);
        using (var command = Command("DescribeRelations", new NpgsqlParameter("@schema", Schema)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                columns.Add(reader.GetString(0), reader.GetString(1), reader.GetString(2));
            }
        }

        columns.RequireDossierColumnType("updated_at", t => UpdatedAtType(t) is not null, "timestamp, timestamp with time zone or date");
        columns.RequireDossierColumnType("dossier_id", t => t is "text" or "character varying" or "character", "text or varchar");
        return columns;
    }

    protected override DbParameter UpdatedAt(string name, object value) =>
        UpdatedAtDataType is { } dataType && UpdatedAtType(dataType) is { } type
            ? new NpgsqlParameter(name, type) { Value = value }
            : new NpgsqlParameter(name, value);

    /// <summary>
    /// A timestamptz column is compared with the instant the local watermark names (DateTime.MinValue stays
    /// -infinity); a date column from the day it falls on, since a row changed later that day shows only the day.
    /// </summary>
    protected override object From(DateTime from) => (UpdatedAtDataType is { } dataType ? UpdatedAtType(dataType) : null) switch
    {
        NpgsqlDbType.TimestampTz when from == DateTime.MinValue => DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc),
        NpgsqlDbType.TimestampTz => SourceInstants.ToUtc(from, zone),
        NpgsqlDbType.Date => from.Date,
        _ => from,
    };

    protected override DbParameter Key(string name, object value) => new NpgsqlParameter(name, value);

    protected override DbParameter Ids(string name, IReadOnlyCollection<string> dossierIds) =>
        new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = dossierIds.ToArray() };

    protected override DbParameter Limit(int limit) => new NpgsqlParameter("@limit", NpgsqlDbType.Integer) { Value = limit };

    private static string SchemaOrDefault(string? schema) => string.IsNullOrEmpty(schema) ? DefaultSchema : schema;

    private static NpgsqlDbType? UpdatedAtType(string dataType) => dataType switch
    {
        "timestamp without time zone" => NpgsqlDbType.Timestamp,
        "timestamp with time zone" => NpgsqlDbType.TimestampTz,
        "date" => NpgsqlDbType.Date,
        _ => null,
    };
}
