using System.Data.Common;
using Dapper;
using KpiIngest.Data.Dialects;
using Npgsql;
using NpgsqlTypes;

namespace KpiIngest.Data.Store.Dialects;

/// <summary>
/// The store on PostgreSQL, in the schema Store:Schema: dates as date, instants as timestamptz, booleans as
/// boolean. Its bulk path is binary COPY; its migration lock a session advisory lock.
/// </summary>
public sealed class PostgreSqlStoreDialect(string schema)
    : StoreDialect(EngineDialect.PostgreSql, schema, tempPrefix: "pg_temp.")
{
    public string Schema { get; } = schema;

    public override void BulkInsert(DbConnection connection, DbTransaction transaction, string table,
        IReadOnlyList<StoreColumn> columns, IEnumerable<object?[]> rows)
    {
        var types = columns.Select(c => NpgsqlTypeOf(c.Type)).ToArray();

        // COPY joins the connection's open transaction: the rows commit or roll back with the caller's work.
        using var importer = ((NpgsqlConnection)connection).BeginBinaryImport(
            $"COPY {table} ({string.Join(", ", columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
        {
            importer.StartRow();
            for (var i = 0; i < types.Length; i++)
            {
                if (row[i] is null)
                {
                    importer.WriteNull();
                }
                else
                {
                    importer.Write(ToParameter(row[i]!), types[i]);
                }
            }
        }

        importer.Complete();
    }

    protected override string CreateStageSql(StageTable stage) =>
        $"CREATE TEMP TABLE IF NOT EXISTS {stage.Name} ({ColumnList(stage)}); TRUNCATE {StageName(stage)};";

    /// <summary>Text is staged in collation "C", the store's collation for ids, so joins compare like with like.</summary>
    protected override string TypeName(StoreType type) => type switch
    {
        StoreType.SmallNumber => "integer",
        StoreType.Count => "bigint",
        StoreType.Flag => "boolean",
        StoreType.Percentage => "numeric(5,2)",
        StoreType.Day => "date",
        StoreType.Utc => "timestamptz",
        StoreType.Local => "timestamp",
        _ => "text COLLATE \"C\"",
    };

    public override string VersionTableScript => Resolve($$"""
        DO $$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = {{Literal(Schema)}}) THEN
                CREATE SCHEMA {{EngineDialect.QuoteIdentifier(Schema)}};
            END IF;
        END
        $$;
        CREATE TABLE IF NOT EXISTS {schema}.kpi_schema_version (
            version    text        NOT NULL PRIMARY KEY,
            applied_at timestamptz NOT NULL
        );
        """);

    public override string NowSql => "now()";

    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    public override bool HasVersionTable(DbConnection connection) =>
        connection.ExecuteScalar<bool>(
            "SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = @Schema AND table_name = 'kpi_schema_version')",
            new { Schema });

    public override int? UnboundedCommandTimeout => 0;

    public override IDisposable LockMigrations(DbConnection connection)
    {
        var key = "kpi-ingest migrate " + Schema;

        // pg_advisory_lock waits as long as another instance migrates; so must the command (UnboundedCommandTimeout).
        connection.Execute("SELECT pg_advisory_lock(hashtext(@key))", new { key }, commandTimeout: UnboundedCommandTimeout);
        return new Unlock(() => connection.Execute("SELECT pg_advisory_unlock(hashtext(@key))", new { key }));
    }

    private static NpgsqlDbType NpgsqlTypeOf(StoreType type) => type switch
    {
        StoreType.SmallNumber => NpgsqlDbType.Integer,
        StoreType.Count => NpgsqlDbType.Bigint,
        StoreType.Flag => NpgsqlDbType.Boolean,
        StoreType.Percentage => NpgsqlDbType.Numeric,
        StoreType.Day => NpgsqlDbType.Date,
        StoreType.Utc => NpgsqlDbType.TimestampTz,
        StoreType.Local => NpgsqlDbType.Timestamp,
        _ => NpgsqlDbType.Text,
    };

    private object ToParameter(object value) => value switch
    {
        DateTimeOffset instant => EngineDialect.Utc(instant),
        DateTime local => EngineDialect.Local(local),
        _ => value,
    };
}

/// <summary>Runs an action once when disposed (releasing a lock taken on a connection).</summary>
internal sealed class Unlock(Action release) : IDisposable
{
    private Action? _release = release;

    public void Dispose()
    {
        _release?.Invoke();
        _release = null;
    }
}
