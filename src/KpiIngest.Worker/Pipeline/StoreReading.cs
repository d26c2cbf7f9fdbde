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
        if (MissingSqliteFile(database) is { } path)
        {
            throw new StoreMissingException(
                $"Store:ConnectionString names the SQLite file {path}, which does not exist: check the path, or create the store with `kpi-ingest migrate`.");
        }

        var session = StoreSession.Open(ReadOnly(database));
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

    /// <summary><paramref name="database"/> as a reader opens it: a SQLite file read-only and unpooled; a server store as it is.</summary>
    public static StoreDatabase ReadOnly(StoreDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.Dialect is SqliteStoreDialect
            ? database with
            {
                ConnectionString = new SqliteConnectionStringBuilder(database.ConnectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString,
            }
            : database;
    }

    /// <summary>The full path of the store's SQLite file when that file does not exist; null when it does or the store is a server.</summary>
    public static string? MissingSqliteFile(StoreDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (database.Dialect is not SqliteStoreDialect)
        {
            return null;
        }

        var path = Path.GetFullPath(new SqliteConnectionStringBuilder(database.ConnectionString).DataSource);
        return File.Exists(path) ? null : path;
    }
}

/// <summary>The configured SQLite store file does not exist: a setting to fix (exit 2), never a new empty store.</summary>
public sealed class StoreMissingException(string message) : Exception(message);

/// <summary>The store exists but lacks migrations: reading it would fail on missing tables or columns.</summary>
public sealed class StoreNotMigratedException(string message) : Exception(message);
