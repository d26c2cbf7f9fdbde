using KpiIngest.Data.Store;
using KpiIngest.Data.Store.Dialects;
using Microsoft.Data.Sqlite;

namespace KpiIngest.Worker.Pipeline;

/// <summary>The store opened for reading only (`report`, the health probe): never migrated, and nothing created.</summary>
public static class StoreReading
{
    /// <summary>
    /// The store as it is; a SQLite file read-only and unpooled, like the source check. Throws
    /// <see cref="StoreMissingException"/> for a SQLite file that is not there and <see cref="StoreNotMigratedException"/>
    /// for a store without every migration, so that a reader says what is wrong instead of the driver's "no such table".
    /// </summary>
    public static StoreSession Open(StoreDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (database.Dialect is SqliteStoreDialect)
        {
            var builder = new SqliteConnectionStringBuilder(database.ConnectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = false };
            var path = Path.GetFullPath(builder.DataSource);
            if (!File.Exists(path))
            {
                throw new StoreMissingException(
                    $"Store:ConnectionString names the SQLite file {path}, which does not exist: check the path, or create the store with `kpi-ingest migrate`.");
            }

            database = database with { ConnectionString = builder.ConnectionString };
        }

        var session = StoreSession.Open(database);
        try
        {
            var pending = StoreMigrator.Pending(session.Connection, session.Dialect);
            if (pending.Count > 0)
            {
                throw new StoreNotMigratedException(session.Dialect.HasVersionTable(session.Connection)
                    ? $"The store lacks {pending.Count} migration(s) ({string.Join(", ", pending)}): run `kpi-ingest migrate` (or ask the DBA to run `kpi-ingest migrate --script`)."
                    : "The store has never been migrated (it has no kpi_schema_version table): run `kpi-ingest migrate` to create it, or check Store:ConnectionString.");
            }

            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }
}

/// <summary>The configured SQLite store file does not exist: a setting to fix (exit 2), never a new empty store.</summary>
public sealed class StoreMissingException(string message) : Exception(message);

/// <summary>The store exists but lacks migrations: reading it would fail on missing tables or columns.</summary>
public sealed class StoreNotMigratedException(string message) : Exception(message);
