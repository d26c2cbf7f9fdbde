using Microsoft.Data.Sqlite;

namespace KpiIngest.Data.Store;

/// <summary>
/// One open connection to the store, upgraded to the current schema, with the tables' accessors sharing it so
/// that one transaction can span facts, daily pairs, quarantine and the watermark.
/// </summary>
public sealed class StoreSession : IDisposable
{
    private StoreSession(SqliteConnection connection)
    {
        Connection = connection;
        Runs = new RunLog(connection);
        State = new StateStore(connection);
        Dimensions = new DimensionStore(connection);
        Quarantine = new QuarantineStore(connection);
        Facts = new FactStore(connection);
        DailyPairs = new DailyPairStore(connection);
        Snapshots = new SnapshotStore(connection);
        Alerts = new AlertStore(connection);
        Outbox = new OutboxStore(connection);
    }

    public SqliteConnection Connection { get; }

    public RunLog Runs { get; }

    public StateStore State { get; }

    public DimensionStore Dimensions { get; }

    public QuarantineStore Quarantine { get; }

    public FactStore Facts { get; }

    public DailyPairStore DailyPairs { get; }

    public SnapshotStore Snapshots { get; }

    public AlertStore Alerts { get; }

    public OutboxStore Outbox { get; }

    /// <summary>Opens the store and applies pending migrations (every run upgrades the store first, store.md).</summary>
    public static StoreSession Open(string connectionString, TimeProvider time)
    {
        var connection = StoreConnection.OpenSqlite(connectionString);
        try
        {
            StoreMigrator.Migrate(connection, time);
            return new StoreSession(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>A write transaction taken immediately, so concurrent writers queue instead of failing mid-way.</summary>
    public SqliteTransaction BeginWrite() => Connection.BeginTransaction(deferred: false);

    public void Dispose() => Connection.Dispose();
}
