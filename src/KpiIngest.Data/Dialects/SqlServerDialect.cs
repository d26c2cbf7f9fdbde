using System.Data;
using System.Data.Common;
using System.Text.Json;
using KpiIngest.Data.Source;
using KpiIngest.Data.Store.Dialects;
using Microsoft.Data.SqlClient;

namespace KpiIngest.Data.Dialects;

/// <summary>
/// SQL Server through Microsoft.Data.SqlClient: every date and timestamp parameter is typed, because SqlClient sends
/// an untyped DateTime as the legacy <c>datetime</c> (steps of 1/300 s) and an untyped string as nvarchar, and a
/// parameter of another type than its column converts the column: no index seek, and sometimes no equal value.
/// A list of keys travels as JSON text for OPENJSON.
/// </summary>
public sealed class SqlServerDialect : EngineDialect
{
    internal SqlServerDialect()
    {
    }

    public override DbEngine Engine => DbEngine.SqlServer;

    public override string QuoteIdentifier(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        return "[" + identifier.Replace("]", "]]", StringComparison.Ordinal) + "]";
    }

    public override object Day(DateOnly day) => day;

    public override object Utc(DateTimeOffset instant) => instant.UtcDateTime;

    public override object Local(DateTime local) => DateTime.SpecifyKind(local, DateTimeKind.Unspecified);

    /// <summary>
    /// Dates as <c>date</c> (SqlClient takes a DateOnly) and timestamps as <c>datetime2</c>, like the store's columns:
    /// a DateTime left untyped travels as the legacy <c>datetime</c>, rounded to 1/300 s, and compared with a
    /// datetime2 or date column it converts the column, so an index on it no longer serves the statement.
    /// </summary>
    public override void SetParameterType(IDbDataParameter parameter, StoreType type)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        var sqlParameter = (SqlParameter)parameter;
        switch (type)
        {
            case StoreType.Day:
                sqlParameter.SqlDbType = SqlDbType.Date;
                break;
            case StoreType.Utc or StoreType.Local:
                sqlParameter.SqlDbType = SqlDbType.DateTime2;
                sqlParameter.Scale = 7;
                break;
        }
    }

    public override DbParameter Parameter(string name, object? value) => new SqlParameter(name, value ?? DBNull.Value);

    public override bool IsTimestampType(string columnType) => TimestampType(columnType) is not null;

    /// <summary>
    /// Of the column's own SQL type (datetime2 while the column is unknown): a datetime2 parameter against a datetime
    /// column would convert the column (no seek), and under compatibility level 130 a datetime such as .007 s becomes
    /// .0066667 s, which no DateTime parameter equals, so the read that completes a page would find nothing.
    /// </summary>
    public override DbParameter TimestampParameter(string name, object value, string? columnType) =>
        new SqlParameter(name, TimestampTypeOrDateTime2(columnType)) { Value = value };

    /// <summary>
    /// Of dossier_id's own type, as <see cref="TimestampParameter"/> is of updated_at's: an nvarchar parameter against
    /// a varchar column under a SQL_* collation converts the column to Unicode, whose order differs from the column's
    /// own (the Unicode sort all but ignores '-', the varchar sort order puts it before letters), so the cursor's
    /// "dossier_id &gt; @afterId" and the page's ORDER BY disagree and rows at a page boundary are skipped. Sized so
    /// the plan is reused and nothing is cut.
    /// </summary>
    public override DbParameter KeyParameter(string name, object value, string? columnType) =>
        value is string text
            ? columnType?.ToLowerInvariant() is "varchar" or "char"
                ? new SqlParameter(name, SqlDbType.VarChar, text.Length <= 8000 ? 8000 : -1) { Value = text }
                : new SqlParameter(name, SqlDbType.NVarChar, text.Length <= 4000 ? 4000 : -1) { Value = text }
            : Parameter(name, value);

    public override DbParameter KeyListParameter(string name, IReadOnlyCollection<string> keys) =>
        new SqlParameter(name, SqlDbType.NVarChar, -1) { Value = JsonSerializer.Serialize(keys) };

    /// <summary>Rounded down to the column type's precision, never up, and within its range; an instant column takes the watermark's offset in Source:TimeZone.</summary>
    public override object Watermark(DateTime from, string? columnType, TimeZoneInfo zone) => TimestampTypeOrDateTime2(columnType) switch
    {
        // Boxed here so that every other arm stays a DateTime: left to itself the switch takes the one type all its
        // arms convert to, DateTimeOffset, and turns each DateTime into an instant in the host's zone, which for the
        // first run's DateTime.MinValue is out of range on a host east of UTC.
        SqlDbType.DateTimeOffset => (object)SourceInstants.ToOffset(from, zone),
        SqlDbType.DateTime => Max(Floor(from, TimeSpan.TicksPerSecond), new DateTime(1753, 1, 1)),
        SqlDbType.SmallDateTime => Max(Floor(from, TimeSpan.TicksPerMinute), new DateTime(1900, 1, 1)),
        SqlDbType.Date => from.Date,
        _ => from,
    };

    private static SqlDbType TimestampTypeOrDateTime2(string? columnType) =>
        columnType is not null && TimestampType(columnType) is { } type ? type : SqlDbType.DateTime2;

    private static SqlDbType? TimestampType(string columnType) => columnType.ToLowerInvariant() switch
    {
        "datetime2" => SqlDbType.DateTime2,
        "datetime" => SqlDbType.DateTime,
        "smalldatetime" => SqlDbType.SmallDateTime,
        "datetimeoffset" => SqlDbType.DateTimeOffset,
        "date" => SqlDbType.Date,
        _ => null,
    };

    private static DateTime Floor(DateTime value, long ticks) => new(value.Ticks - (value.Ticks % ticks));

    private static DateTime Max(DateTime value, DateTime floor) => value < floor ? floor : value;
}
