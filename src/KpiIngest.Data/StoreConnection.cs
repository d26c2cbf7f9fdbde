using Microsoft.Data.Sqlite;

namespace KpiIngest.Data;

/// <summary>Opens the SQLite store with the settings every writer relies on.</summary>
public static class StoreConnection
{
    public static SqliteConnection OpenSqlite(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.Mode != SqliteOpenMode.Memory)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        var connection = new SqliteConnection(builder.ConnectionString);
        connection.Open();
        using var pragmas = connection.CreateCommand();

        // WAL lets BI read while a run writes; NORMAL is durable at each checkpoint and crash-safe in WAL mode.
        // A 64 MB page cache keeps the fact and daily-pair indexes in memory at a million dossiers a year
        // (SQLite's default 2 MB turns every keyed write of a large ingest into disk reads).
        pragmas.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536;";
        pragmas.ExecuteNonQuery();
        return connection;
    }
}
