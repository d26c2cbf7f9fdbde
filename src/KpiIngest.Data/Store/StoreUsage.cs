namespace KpiIngest.Data.Store;

/// <summary>
/// How many store connections were opened and how many times the migrator ran within a scope (<see cref="Track"/>):
/// what a test asserts to keep "one session per run, one migration per verb" from eroding. The scope is an
/// <see cref="AsyncLocal{T}"/>, so it counts the work started from it (timers included, as they flow the execution
/// context) and never another test's running in parallel. Outside a scope nothing is counted.
/// </summary>
public sealed class StoreUsage : IDisposable
{
    private static readonly AsyncLocal<StoreUsage?> Scope = new();

    private readonly StoreUsage? _outer;
    private int _connections;
    private int _migrations;

    private StoreUsage(StoreUsage? outer) => _outer = outer;

    internal static StoreUsage? Current => Scope.Value;

    /// <summary>Connections opened to the store (<see cref="StoreDatabase.Open"/>) so far in this scope.</summary>
    public int ConnectionsOpened => Volatile.Read(ref _connections);

    /// <summary>Runs of <see cref="StoreMigrator.Migrate"/> so far in this scope (each one reads kpi_schema_version).</summary>
    public int MigratorRuns => Volatile.Read(ref _migrations);

    /// <summary>Starts counting for the calling flow until disposed.</summary>
    public static StoreUsage Track()
    {
        var usage = new StoreUsage(Scope.Value);
        Scope.Value = usage;
        return usage;
    }

    public void Dispose() => Scope.Value = _outer;

    internal void CountConnection() => Interlocked.Increment(ref _connections);

    internal void CountMigration() => Interlocked.Increment(ref _migrations);
}
