using System.Data.Common;
using KpiIngest.Data.Store.Dialects;

namespace KpiIngest.Data.Store;

/// <summary>
/// One open connection to the store, with the tables' accessors sharing it so
/// that one transaction can span facts, daily pairs, quarantine and the watermark. The session knows its open write
/// transaction (<see cref="BeginWrite"/>), and every accessor's command runs on it (style.md #14).
/// </summary>
public sealed class StoreSession : IDisposable
{
    private readonly StoreCommands _store;

    private StoreSession(DbConnection connection, StoreDialect dialect)
    {
        var store = _store = new StoreCommands(connection, dialect);
        Runs = new RunLog(store);
        State = new StateStore(store);
        Dimensions = new DimensionStore(store);
        Quarantine = new QuarantineStore(store);
        Pairs = new PairNumbers(store);
        Facts = new FactStore(store, Pairs);
        DailyPairs = new DailyPairStore(store, Pairs);
        DailyOverdue = new DailyOverdueStore(store);
        Snapshots = new SnapshotStore(store);
        Scorecards = new ScorecardStore(store);
        Alerts = new AlertStore(store);
        Outbox = new OutboxStore(store);
        Service = new ServiceStore(store);
        Leases = new LeaseStore(store);
        JobClaims = new JobClaimStore(store);
    }

    public DbConnection Connection => _store.Connection;

    public StoreDialect Dialect => _store.Dialect;

    /// <summary>The session's commands, on its open transaction if any: for reads that belong to no accessor (reports).</summary>
    public StoreCommands Commands => _store;

    public RunLog Runs { get; }

    public StateStore State { get; }

    public DimensionStore Dimensions { get; }

    public QuarantineStore Quarantine { get; }

    public PairNumbers Pairs { get; }

    public FactStore Facts { get; }

    public DailyPairStore DailyPairs { get; }

    public DailyOverdueStore DailyOverdue { get; }

    public SnapshotStore Snapshots { get; }

    public ScorecardStore Scorecards { get; }

    public AlertStore Alerts { get; }

    public OutboxStore Outbox { get; }


    public ServiceStore Service { get; }

    public LeaseStore Leases { get; }

    public JobClaimStore JobClaims { get; }

    /// <summary>
    /// Opens the store as it is, without migrating: migration happens once, before (<see cref="Migrate"/> at service
    /// start and at the start of each verb that writes), never per session.
    /// </summary>
    public static StoreSession Open(StoreDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var connection = database.Open();
        return new StoreSession(connection, database.Dialect);
    }

    /// <summary>Applies pending migrations on a connection of its own; returns the names applied now (store.md).</summary>
    public static IReadOnlyList<string> Migrate(StoreDatabase database, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.Open();
        return StoreMigrator.Migrate(connection, database.Dialect, time);
    }

    /// <summary>Migrates, then opens a session on the same connection: for set-ups that need an upgraded store at once.</summary>
    public static StoreSession OpenMigrated(StoreDatabase database, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(database);
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

    /// <summary>
    /// The session's write transaction, taken so that concurrent writers queue instead of failing mid-way. Until it is
    /// committed, rolled back or disposed, every command of the session runs on it.
    /// </summary>
    public StoreTransaction BeginWrite() => _store.BeginWrite();

    public void Dispose() => Connection.Dispose();
}
