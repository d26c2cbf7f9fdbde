using KpiIngest.Data.Store;
using KpiIngest.Worker.Configuration;
using Microsoft.Data.Sqlite;

namespace KpiIngest.Worker.Pipeline;

/// <summary>The store opened for reading only (`report`, the health probe): never migrated, and nothing created.</summary>
public static class StoreReading
{
    /// <summary>The store as it is; a SQLite file read-only and unpooled, like the source check.</summary>
    public static StoreSession Open(KpiSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var database = settings.StoreDatabase;
        return StoreSession.Open(settings.Store.Provider == DatabaseProviders.Sqlite
            ? database with
            {
                ConnectionString = new SqliteConnectionStringBuilder(settings.StoreConnectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString,
            }
            : database);
    }
}
