using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace KpiIngest.Data;

/// <summary>
/// The one place that opens a connection per engine: the store's SQLite file with the pragmas every writer relies on,
/// a SQLite source read-only, and the servers' sessions named for the DBA.
/// </summary>
public static class EngineConnections
{
    /// <summary>What a server session is called in pg_stat_activity and sys.dm_exec_sessions, unless the connection string names it.</summary>
    public const string ApplicationName = "kpi-ingest";

    /// <summary>An open connection to the store on <paramref name="engine"/>.</summary>
    public static DbConnection OpenStore(DbEngine engine, string connectionString) =>
        engine == DbEngine.Sqlite ? OpenSqliteStore(connectionString) : Opened(CreateServer(engine, connectionString));

    /// <summary>
    /// A connection, not yet open, to a PostgreSQL or SQL Server database (a source reader opens it, and opens it
    /// again after the server ended the session).
    /// </summary>
    public static DbConnection CreateServer(DbEngine engine, string connectionString)
    {
        switch (engine)
        {
            case DbEngine.PostgreSql:
                var postgreSql = new NpgsqlConnectionStringBuilder(connectionString);
                if (string.IsNullOrEmpty(postgreSql.ApplicationName))
                {
                    postgreSql.ApplicationName = ApplicationName;
                }

                return new NpgsqlConnection(postgreSql.ConnectionString);
            case DbEngine.SqlServer:
                var sqlServer = new SqlConnectionStringBuilder(connectionString);
                if (!sqlServer.ShouldSerialize("Application Name"))
                {
                    sqlServer.ApplicationName = ApplicationName;
                }

                return new SqlConnection(sqlServer.ConnectionString);
            default:
                throw new ArgumentOutOfRangeException(nameof(engine), engine, "SQLite is a file, not a server.");
        }
    }

    /// <summary>Opens the SQLite store, creating its folder, with the settings every writer relies on.</summary>
    public static SqliteConnection OpenSqliteStore(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        // Only a connection that may create the file gets its folder: one opened read-only (report, the health
        // probe) must fail on a missing store and leave nothing behind.
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.Mode == SqliteOpenMode.ReadWriteCreate)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        // WAL lets BI read while a run writes; NORMAL is durable at each checkpoint and crash-safe in WAL mode.
        // A 16 MB page cache keeps the inner pages of the fact and daily-pair B-trees in memory at millions of dossiers
        // (SQLite's default 2 MB turns every keyed write of a poll into reads). It was 64 MB while a first ingest wrote a
        // daily-pair delta per (day, pair); a first ingest is now a bulk load, and the cache also bounds the sorter of its
        // rebuild of kpi_daily_pair (SQLite sorts in up to cache_size of memory): at 64 MB the two alone took 128 MB of a
        // run's resident memory (docs/benchmarks.md). A read-only connection sets no journal mode: that is a write,
        // which fails on a file that is not yet a WAL store.
        var journal = builder.Mode == SqliteOpenMode.ReadOnly ? "" : "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; ";
        return OpenSqlite(builder.ConnectionString,
            journal + "PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON; PRAGMA cache_size=-16384;");
    }

    /// <summary>Opens a SQLite source read-only unless the connection string chose a mode.</summary>
    public static SqliteConnection OpenSqliteSource(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode == SqliteOpenMode.ReadWriteCreate)
        {
            // The contract needs SELECT only; read-only also refuses to create an empty file for a mistyped path.
            builder.Mode = SqliteOpenMode.ReadOnly;
        }

        // Pages of dossiers come in updated_at order, which is not the order the rows are stored in: each row is a
        // lookup in the dossier table (and, through a view, in its fee lines). SQLite's default 2 MB cache cannot
        // even keep those B-trees' inner pages at a million dossiers, so every lookup read them again; 16 MB keeps
        // them (at 1M, reading the whole contract took 3.8 s instead of 6.5 to 7.6 s; 64 MB gained nothing more).
        return OpenSqlite(builder.ConnectionString, "PRAGMA busy_timeout=30000; PRAGMA cache_size=-16384;");
    }

    /// <summary>Opens <paramref name="connection"/>, disposing it if that fails, so a failed open leaks nothing.</summary>
    public static T Opened<T>(T connection)
        where T : DbConnection
    {
        ArgumentNullException.ThrowIfNull(connection);
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static SqliteConnection OpenSqlite(string connectionString, string pragmas)
    {
        var connection = Opened(new SqliteConnection(connectionString));
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = pragmas;
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
