using KpiIngest.Data.Store;
using KpiIngest.Data.Store.Dialects;
using Microsoft.Data.Sqlite;

namespace KpiIngest.Worker.Pipeline;

/// <summary>The store opened for reading only (`report`, the health probe): never migrated, and nothing created.</summary>
public static class StoreReading
{
    /// <summary>The store as it is; a SQLite file read-only and unpooled, like the source check.</summary>
    public static StoreSession Open(StoreDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return StoreSession.Open(database.Dialect is SqliteStoreDialect
            ? database with
            {
                ConnectionString = new SqliteConnectionStringBuilder(database.ConnectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString,
            }
            : database);
    }
}
