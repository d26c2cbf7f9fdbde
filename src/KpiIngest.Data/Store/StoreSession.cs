using System.Data.Common;
using KpiIngest.Data.Store.Dialects;

namespace KpiIngest.Data.Store;

/// <summary>
/// One open connection to the store, upgraded to the current schema, with the tables' accessors sharing it so
/// that one transaction can span facts, daily pairs, quarantine and the watermark.
/// </summary>
public sealed class StoreSession : IDisposable
{
    private StoreSession(DbConnection connection, StoreDialect dialect)
    {
        Connection = connection;
        Dialect = dialect;
        Runs = new RunLog(connection, dialect);
        State = new StateStore(connection, dialect);
        Dimensions = new DimensionStore(connection, dialect);
        Quarantine = new QuarantineStore(connection, dialect);
        Facts = new FactStore(connection, dialect);
        DailyPairs = new DailyPairStore(connection, dialect);
        Snapshots = new SnapshotStore(connection, dialect);
        Alerts = new AlertStore(connection, dialect);
        Outbox = new OutboxStore(connection, dialect);
        History = new RunHistory(connection, dialect);
        Service = new ServiceStore(connection, dialect);
        Leases = new LeaseStore(connection, dialect);
        JobClaims = new JobClaimStore(connection, dialect);
    }

    public DbConnection Connection { get; }

    public StoreDialect Dialect { get; }

    public RunLog Runs { get; }

    public StateStore State { get; }

    public DimensionStore Dimensions { get; }

    public QuarantineStore Quarantine { get; }

    public FactStore Facts { get; }

    public DailyPairStore DailyPairs { get; }

    public SnapshotStore Snapshots { get; }

    public AlertStore Alerts { get; }

    public OutboxStore Outbox { get; }

    public RunHistory History { get; }

    public ServiceStore Service { get; }

    public LeaseStore Leases { get; }

    public JobClaimStore JobClaims { get; }

    /// <summary>Opens the store and applies pending migrations (every run upgrades the store first, store.md).</summary>
    public static StoreSession Open(StoreDatabase database, TimeProvider time)
    {
        var connection = database.Open();
        try
        {
            StoreMigrator.Migrate(connection, database.Dialect, time);
            return new StoreSession(connection, database.Dialect);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Opens the store as it is, without migrating (reads by the health endpoint, lease renewals).</summary>
    public static StoreSession OpenExisting(StoreDatabase database)
    {
        var connection = database.Open();
        return new StoreSession(connection, database.Dialect);
    }

    /// <summary>A write transaction taken so that concurrent writers queue instead of failing mid-way.</summary>
    public DbTransaction BeginWrite() => Dialect.BeginWrite(Connection);

    public void Dispose() => Connection.Dispose();
}
