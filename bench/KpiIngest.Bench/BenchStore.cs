using System.Diagnostics;
using KpiIngest.Data;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace KpiIngest.Bench;

/// <summary>
/// Where the benchmark writes the store (--store), and that engine's own limits on the same rows: its native bulk
/// copy of the contract's columns and one GROUP BY unit aggregate over the year so copied.
/// </summary>
public abstract class BenchStore
{
    /// <summary>The Store:Provider value.</summary>
    public abstract string Provider { get; }

    /// <summary>A fresh, empty store named <paramref name="name"/>; returns its Store:ConnectionString.</summary>
    public abstract string Create(string name);

    /// <summary>Times the engine's native copy of the source's raw dossier rows into an unindexed table, and one grouped scan over them.</summary>
    public abstract (double CopySeconds, double ScanSeconds) Native(string sourcePath);

    public static BenchStore For(string store, string workFolder, string? connectionString) => store switch
    {
        "sqlite" => new SqliteBenchStore(workFolder),
        "postgresql" => new PostgreSqlBenchStore(connectionString
            ?? throw new ArgumentException(
                "--store postgresql needs --store-connection (or KPIINGEST_BENCH_POSTGRESQL): a PostgreSQL login that may create databases.")),
        _ => throw new ArgumentException($"--store {store}: sqlite or postgresql."),
    };

    /// <summary>The contract columns copied, and the aggregate the snapshot is compared with (one pass, per unit).</summary>
    protected const string Columns = """
        dossier_id, unit_id, procedure_code, channel, status, received_at, due_at, resolved_at, fee_amount, paid_online,
        digitized, e_result, reused_data, updated_at
        """;

    protected const string Scan = """
        SELECT unit_id, COUNT(*), SUM(CASE WHEN channel = 2 THEN 1 ELSE 0 END), SUM(CASE WHEN fee_amount > 0 THEN 1 ELSE 0 END),
               SUM(CASE WHEN paid_online IN (1, 2) THEN 1 ELSE 0 END), SUM(digitized), SUM(reused_data),
               SUM(CASE WHEN status IN (9, 10) THEN 1 ELSE 0 END), SUM(e_result), SUM(CASE WHEN resolved_at <= due_at THEN 1 ELSE 0 END)
        FROM dossier WHERE received_at >= '2025-01-01' AND received_at < '2026-01-01' AND status NOT IN (1, 3)
        GROUP BY unit_id
        """;

    protected static double Time(Action phase)
    {
        var stopwatch = Stopwatch.StartNew();
        phase();
        return stopwatch.Elapsed.TotalSeconds;
    }
}

/// <summary>The embedded default: a store file in the work folder; native copy is INSERT … SELECT from the attached source into a plain table.</summary>
public sealed class SqliteBenchStore(string workFolder) : BenchStore
{
    public override string Provider => nameof(DbEngine.Sqlite);

    public override string Create(string name)
    {
        var path = Path.Combine(workFolder, $"kpi-{name}.db");
        DeleteWithSidecars(path);
        return $"Data Source={path}";
    }

    public override (double CopySeconds, double ScanSeconds) Native(string sourcePath)
    {
        var target = Path.Combine(workFolder, "native.db");
        DeleteWithSidecars(target);
        // Unpooled: a pooled connection would keep the source attached as src, and the next Native attaches it again.
        using var connection = EngineConnections.Opened(new SqliteConnection($"Data Source={target};Pooling=False"));
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
        Execute(connection, $"ATTACH DATABASE '{sourcePath.Replace("'", "''", StringComparison.Ordinal)}' AS src");
        Execute(connection, """
            CREATE TABLE dossier (dossier_id TEXT, unit_id TEXT, procedure_code TEXT, channel INTEGER, status INTEGER,
                received_at TEXT, due_at TEXT, resolved_at TEXT, fee_amount NUMERIC, paid_online INTEGER, digitized INTEGER,
                e_result INTEGER, reused_data INTEGER, updated_at TEXT)
            """);
        var copy = Time(() => Execute(connection, $"INSERT INTO dossier SELECT {Columns} FROM src.src_dossier"));
        var scan = Time(() => Execute(connection, Scan));
        return (copy, scan);
    }

    private static void DeleteWithSidecars(string path)
    {
        foreach (var suffix in (string[])["", "-wal", "-shm"])
        {
            File.Delete(path + suffix);
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
        }
    }
}

/// <summary>
/// A store on a PostgreSQL server: one fresh database per province (kpi_bench_NAME, dropped first if a previous run
/// left it); native copy is binary COPY of the same rows read from the SQLite source.
/// </summary>
public sealed class PostgreSqlBenchStore(string adminConnectionString) : BenchStore
{
    public override string Provider => nameof(DbEngine.PostgreSql);

    public override string Create(string name) => new NpgsqlConnectionStringBuilder(adminConnectionString)
    {
        Database = Recreate("kpi_bench_" + name),
    }.ConnectionString;

    public override (double CopySeconds, double ScanSeconds) Native(string sourcePath)
    {
        // Unpooled: the next Native drops this database, which ends any session a pool would keep for it.
        var builder = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = Recreate("kpi_bench_native"), Pooling = false };
        using var connection = EngineConnections.Opened(new NpgsqlConnection(builder.ConnectionString));
        Execute(connection, """
            CREATE TABLE dossier (dossier_id text COLLATE "C", unit_id text, procedure_code text, channel integer,
                status integer, received_at timestamp, due_at timestamp, resolved_at timestamp, fee_amount numeric,
                paid_online integer, digitized integer, e_result integer, reused_data integer, updated_at timestamp)
            """);
        using var source = EngineConnections.Opened(new SqliteConnection($"Data Source={sourcePath};Mode=ReadOnly"));
        var copy = Time(() => Copy(source, connection));
        Execute(connection, "ANALYZE dossier");
        var scan = Time(() => Execute(connection, Scan));
        return (copy, scan);
    }

    private static void Copy(SqliteConnection source, NpgsqlConnection target)
    {
        using var read = source.CreateCommand();
        read.CommandText = $"SELECT {Columns} FROM src_dossier";
        using var reader = read.ExecuteReader();
        using var import = target.BeginBinaryImport($"COPY dossier ({Columns}) FROM STDIN (FORMAT BINARY)");
        while (reader.Read())
        {
            import.StartRow();
            import.Write(reader.GetString(0), NpgsqlDbType.Text);
            import.Write(reader.GetString(1), NpgsqlDbType.Text);
            import.Write(reader.GetString(2), NpgsqlDbType.Text);
            import.Write(reader.GetInt32(3), NpgsqlDbType.Integer);
            import.Write(reader.GetInt32(4), NpgsqlDbType.Integer);
            WriteTimestamp(import, reader, 5);
            WriteTimestamp(import, reader, 6);
            WriteTimestamp(import, reader, 7);
            if (reader.IsDBNull(8))
            {
                import.WriteNull();
            }
            else
            {
                import.Write(reader.GetDecimal(8), NpgsqlDbType.Numeric);
            }

            for (var i = 9; i <= 12; i++)
            {
                import.Write(reader.GetInt32(i), NpgsqlDbType.Integer);
            }

            WriteTimestamp(import, reader, 13);
        }

        import.Complete();
    }

    private static void WriteTimestamp(NpgsqlBinaryImporter import, SqliteDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            import.WriteNull();
        }
        else
        {
            import.Write(StoreFormat.ParseLocal(reader.GetString(ordinal)), NpgsqlDbType.Timestamp);
        }
    }

    /// <summary>Drops and creates a database for this run; returns its name (letters, digits, underscores only).</summary>
    private string Recreate(string database)
    {
        using var connection = EngineConnections.Opened(new NpgsqlConnection(adminConnectionString));
        Execute(connection, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        Execute(connection, $"CREATE DATABASE {database}");
        return database;
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
        }
    }
}
