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
        pragmas.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";
        pragmas.ExecuteNonQuery();
        return connection;
    }
}
