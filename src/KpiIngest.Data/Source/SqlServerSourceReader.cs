using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using KpiIngest.Core.Source;
using Microsoft.Data.SqlClient;

namespace KpiIngest.Data.Source;

/// <summary>
/// The contract read from SQL Server (2016 or later, database compatibility level 130 or more) through
/// Microsoft.Data.SqlClient, in the schema <c>Source:Schema</c> (default dbo). Values come back typed
/// (datetime/datetime2 as DateTime, datetimeoffset as DateTimeOffset, decimal, int, tinyint, bit as bool).
/// </summary>
public sealed class SqlServerSourceReader(string connectionString, string? schema, TimeZoneInfo zone)
    : ServerSourceReader(DbEngine.SqlServer, connectionString, SchemaOrDefault(schema))
{
    public const string DefaultSchema = "dbo";

    /// <summary>OPENJSON, used to read dossiers by key, exists from this compatibility level on (SQL Server 2016).</summary>
    public const int MinCompatibilityLevel = 130;

    protected override SourceColumns DescribeColumns()
    {
        // Column names resolve through the database's collation, case-insensitive on almost every server.
        var columns = new SourceColumns(StringComparer.OrdinalIgnoreCase);
        int? compatibilityLevel;
        using (var command = Command("DescribeRelations", new SqlParameter("@schema", SqlDbType.NVarChar, 128) { Value = Schema }))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                columns.Add(reader.GetString(0), reader.GetString(1), reader.GetString(2));
            }

            compatibilityLevel = reader.NextResult() && reader.Read() ? Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture) : null;
        }

        if (compatibilityLevel < MinCompatibilityLevel)
        {
            throw new SourceContractException(
                $"The source database runs at compatibility level {compatibilityLevel}; KpiIngest reads dossiers by key with OPENJSON, " +
                $"which needs {MinCompatibilityLevel} (SQL Server 2016) or later: raise the level, or create the contract views in a database that has it.");
        }

        columns.RequireDossierColumnType("updated_at", t => UpdatedAtType(t) is not null,
            "datetime2, datetime, smalldatetime, datetimeoffset or date");
        columns.RequireDossierColumnType("dossier_id", t => t is "nvarchar" or "varchar" or "nchar" or "char", "nvarchar or varchar");
        return columns;
    }

    /// <summary>
    /// Of the column's own SQL type: a datetime2 parameter against a datetime column would convert the column (no
    /// seek), and under compatibility level 130 a datetime such as .007 s becomes .0066667 s, which no DateTime
    /// parameter equals, so the read that completes a page would find nothing.
    /// </summary>
    protected override DbParameter UpdatedAt(string name, object value) => new SqlParameter(name, UpdatedAtType()) { Value = value };

    /// <summary>Rounded down, never up (re-reading a row is harmless, skipping one is not), within the type's range.</summary>
    protected override object From(DateTime from) => UpdatedAtType() switch
    {
        SqlDbType.DateTime => Max(Floor(from, TimeSpan.TicksPerSecond), new DateTime(1753, 1, 1)),
        SqlDbType.SmallDateTime => Max(Floor(from, TimeSpan.TicksPerMinute), new DateTime(1900, 1, 1)),
        SqlDbType.Date => from.Date,
        SqlDbType.DateTimeOffset => SourceInstants.ToOffset(from, zone),
        _ => from,
    };

    /// <summary>
    /// Of dossier_id's own type, as <see cref="UpdatedAt"/> is of updated_at's: an nvarchar parameter against a varchar
    /// column under a SQL_* collation converts the column to Unicode, whose order differs from the column's own (the
    /// Unicode sort all but ignores '-', the varchar sort order puts it before letters), so the cursor's "dossier_id
    /// &gt; @afterId" and the page's ORDER BY disagree and rows at a page boundary are skipped. Sized so the plan is
    /// reused and nothing is cut.
    /// </summary>
    protected override DbParameter Key(string name, object value) =>
        value is string text
            ? KeyIsAnsi()
                ? new SqlParameter(name, SqlDbType.VarChar, text.Length <= 8000 ? 8000 : -1) { Value = text }
                : new SqlParameter(name, SqlDbType.NVarChar, text.Length <= 4000 ? 4000 : -1) { Value = text }
            : new SqlParameter(name, value);

    protected override DbParameter Ids(string name, IReadOnlyCollection<string> dossierIds) =>
        new SqlParameter(name, SqlDbType.NVarChar, -1) { Value = JsonSerializer.Serialize(dossierIds) };

    protected override DbParameter Limit(int limit) => new SqlParameter("@limit", SqlDbType.Int) { Value = limit };

    private static string SchemaOrDefault(string? schema) => string.IsNullOrEmpty(schema) ? DefaultSchema : schema;

    private static SqlDbType? UpdatedAtType(string dataType) => dataType.ToLowerInvariant() switch
    {
        "datetime2" => SqlDbType.DateTime2,
        "datetime" => SqlDbType.DateTime,
        "smalldatetime" => SqlDbType.SmallDateTime,
        "datetimeoffset" => SqlDbType.DateTimeOffset,
        "date" => SqlDbType.Date,
        _ => null,
    };

    /// <summary>True when dossier_id is varchar or char (code-page text), not nvarchar or nchar.</summary>
    private bool KeyIsAnsi() => Columns.TypeOf(SourceContract.Dossiers, "dossier_id")?.ToLowerInvariant() is "varchar" or "char";

    private SqlDbType UpdatedAtType() => UpdatedAtDataType is { } dataType && UpdatedAtType(dataType) is { } type ? type : SqlDbType.DateTime2;

    private static DateTime Floor(DateTime value, long ticks) => new(value.Ticks - (value.Ticks % ticks));

    private static DateTime Max(DateTime value, DateTime floor) => value < floor ? floor : value;
}
