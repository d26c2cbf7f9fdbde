using KpiIngest.Data.Store;
using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Providers;

/// <summary>
/// An instance that starts while another one migrates waits for the migration lock as long as it takes, however
/// short the connection's command timeout: the wait (sp_getapplock with no lock timeout, pg_advisory_lock) and the
/// migration batches run without one. Shown with the connection string's Command Timeout set to 1 s and the lock held
/// by another session for well over that.
/// </summary>
public abstract class MigrationLockWaitTests(DatabaseServer server)
{
    private const int CommandTimeoutSeconds = 1;

    /// <summary>Takes the store's migration lock (schema kpi) for the session, as a migrating instance does.</summary>
    protected abstract string TakeLockSql { get; }

    protected abstract string ReleaseLockSql { get; }

    /// <summary>A count above zero while a session of this database has waited for a lock for over @ms milliseconds.</summary>
    protected abstract string LongLockWaitSql { get; }

    [Fact]
    public async Task Migrate_LockHeldLongerThanTheCommandTimeout_WaitsThenMigrates()
    {
        using var database = server.CreateDatabase();
        var store = StoreDatabase.For(server.Engine.Provider, database.AdminConnectionStringWithCommandTimeout(CommandTimeoutSeconds), "kpi");
        using var holder = database.OpenAdmin();
        using var monitor = database.OpenAdmin();
        server.Engine.Execute(holder, TakeLockSql);

        var migrate = Task.Run(() =>
        {
            using var session = StoreSession.OpenMigrated(store, TimeProvider.System);
        }, TestContext.Current.CancellationToken);
        await Eventually.Until(
            () => migrate.IsCompleted || server.Engine.Scalar<long>(monitor, LongLockWaitSql, ("@ms", 3_000 * CommandTimeoutSeconds)) > 0,
            $"the migration to wait for the lock three times its {CommandTimeoutSeconds} s command timeout");
        migrate.IsCompleted.ShouldBeFalse(migrate.Exception?.ToString() ?? "the migration ended while the lock was held");
        server.Engine.Execute(holder, ReleaseLockSql);

        await migrate.WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
        ServerEngine.Strings(monitor, "SELECT version FROM kpi.kpi_schema_version").ShouldContain("0001_CreateStore");
    }
}

public sealed class PostgreSqlMigrationLockWaitTests(PostgreSqlServer server) : MigrationLockWaitTests(server)
{
    protected override string TakeLockSql => "SELECT pg_advisory_lock(hashtext('kpi-ingest migrate kpi'))";

    protected override string ReleaseLockSql => "SELECT pg_advisory_unlock(hashtext('kpi-ingest migrate kpi'))";

    protected override string LongLockWaitSql => """
        SELECT COUNT(*) FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'
          AND now() - query_start > @ms * interval '1 millisecond'
        """;
}

public sealed class SqlServerMigrationLockWaitTests(SqlServerInstance server) : MigrationLockWaitTests(server)
{
    protected override string TakeLockSql =>
        "EXEC sp_getapplock @Resource = N'kpi-ingest migrate kpi', @LockMode = 'Exclusive', @LockOwner = 'Session'";

    protected override string ReleaseLockSql => "EXEC sp_releaseapplock @Resource = N'kpi-ingest migrate kpi', @LockOwner = 'Session'";

    protected override string LongLockWaitSql => """
        SELECT CAST(COUNT(*) AS bigint) FROM sys.dm_exec_requests
        WHERE database_id = DB_ID() AND wait_type LIKE 'LCK[_]M[_]%' AND total_elapsed_time > @ms
        """;
}
