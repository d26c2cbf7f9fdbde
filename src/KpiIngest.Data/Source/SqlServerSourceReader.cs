using System.Data;
using System.Globalization;
using KpiIngest.Core.Source;
using KpiIngest.Data.Dialects;
using Microsoft.Data.SqlClient;

namespace KpiIngest.Data.Source;

/// <summary>
/// The contract read from SQL Server (2016 or later, database compatibility level 130 or more) through
/// Microsoft.Data.SqlClient, in the schema <c>Source:Schema</c> (default dbo). Values come back typed
/// (datetime/datetime2 as DateTime, datetimeoffset as DateTimeOffset, decimal, int, tinyint, bit as bool).
/// </summary>
public sealed class SqlServerSourceReader(string connectionString, string? schema, TimeZoneInfo zone)
    : ServerSourceReader(EngineDialect.SqlServer, connectionString, SchemaOrDefault(schema), zone)
{
    public const string DefaultSchema = "dbo";

    /// <summary>OPENJSON, used to read dossiers by key, exists from this compatibility level on (SQL Server 2016).</summary>
    public const int MinCompatibilityLevel = 130;

    /// <summary>
    /// Under READ COMMITTED with locks (the default unless READ_COMMITTED_SNAPSHOT is on), a scan can skip a row that an
    /// update moves behind it: a first ingest reads keyset pages in updated_at order, where a moved row comes again later.
    /// </summary>
    public override bool ScansOneSnapshot => false;

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

        columns.RequireDossierColumnType("updated_at", Dialect.IsTimestampType,
            "datetime2, datetime, smalldatetime, datetimeoffset or date");
        columns.RequireDossierColumnType("dossier_id", t => t is "nvarchar" or "varchar" or "nchar" or "char", "nvarchar or varchar");
        return columns;
    }

    private static string SchemaOrDefault(string? schema) => string.IsNullOrEmpty(schema) ? DefaultSchema : schema;
}
