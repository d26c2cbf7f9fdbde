using KpiIngest.Data.Dialects;
using Npgsql;

namespace KpiIngest.Data.Source;

/// <summary>
/// The contract read from PostgreSQL through Npgsql, in the schema <c>Source:Schema</c> (default public).
/// Values come back typed (timestamp as DateTime, timestamptz as UTC DateTime, date as DateOnly, numeric as
/// decimal, boolean as bool); Core's checks read them as they are.
/// </summary>
public sealed class PostgreSqlSourceReader(string connectionString, string? schema, TimeZoneInfo zone)
    : ServerSourceReader(EngineDialect.PostgreSql, connectionString, SchemaOrDefault(schema), zone)
{
    public const string DefaultSchema = "public";

    /// <summary>Every statement reads the snapshot taken when it starts, at any isolation level.</summary>
    public override bool ScansOneSnapshot => true;

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

        columns.RequireDossierColumnType("updated_at", Dialect.IsTimestampType, "timestamp, timestamp with time zone or date");
        columns.RequireDossierColumnType("dossier_id", t => t is "text" or "character varying" or "character", "text or varchar");
        return columns;
    }

    private static string SchemaOrDefault(string? schema) => string.IsNullOrEmpty(schema) ? DefaultSchema : schema;
}
