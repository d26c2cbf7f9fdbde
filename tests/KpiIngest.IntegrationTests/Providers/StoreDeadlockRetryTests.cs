using KpiIngest.Data.Store;
using KpiIngest.IntegrationTests.Infrastructure;
using KpiIngest.Worker.Pipeline;
using Microsoft.Extensions.Logging.Abstractions;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Providers;

/// <summary>
/// Store work chosen as a deadlock victim is retried (<see cref="StoreResilience"/>, the policy a run's store work
/// runs under): another session locks kpi_indicator and then waits for the kpi_state row the store work holds,
/// while the store work, holding that row, goes on to rewrite kpi_indicator. The engine kills one of the two; the
/// other session is set up to win, so the store work's first attempt fails (SQL Server 1205, PostgreSQL 40P01) and
/// its second, on a new session, completes.
/// </summary>
public abstract class StoreDeadlockRetryTests(DatabaseServer server)
{
    private const string StateName = "test:deadlock";

    /// <summary>Makes the other session win the deadlock (SQL Server's priority; PostgreSQL's detection delay).</summary>
    protected abstract string WinDeadlocksSql { get; }

    /// <summary>The session's id on the server.</summary>
    protected abstract string SessionIdSql { get; }

    /// <summary>A count above zero while the session <c>@id</c> waits for a lock.</summary>
    protected abstract string WaitingForLockSql { get; }

    [Fact]
    public async Task StoreWork_ChosenAsDeadlockVictim_IsRetriedOnANewSessionAndCompletes()
    {
        using var database = server.CreateDatabase();
        var store = StoreDatabase.For(server.Engine.Provider, database.AdminConnectionString, "kpi");
        using (var setUp = StoreSession.OpenMigrated(store, TimeProvider.System))
        {
            using var transaction = setUp.BeginWrite();
            setUp.State.Set(StateName, "before");
            setUp.Dimensions.ReplaceIndicators();
            transaction.Commit();
        }

        using var other = database.OpenAdmin();
        using var monitor = database.OpenAdmin();
        server.Engine.Execute(other, WinDeadlocksSql);
        var otherId = server.Engine.Scalar<long>(other, SessionIdSql);
        using var otherTransaction = other.BeginTransaction();
        server.Engine.Execute(other, otherTransaction, "UPDATE kpi.kpi_indicator SET name_en = name_en", []);

        var stateRowHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var otherWaits = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = 0;
        var pipeline = StoreResilience.Create(TimeProvider.System, NullLogger.Instance);
        var work = Task.Run(() => pipeline.Execute(() =>
        {
            attempts++;
            using var session = StoreSession.Open(store);
            using var transaction = session.BeginWrite();
            session.State.Set(StateName, $"attempt {attempts}");
            if (attempts == 1)
            {
                stateRowHeld.SetResult();
                otherWaits.Task.Wait(TestContext.Current.CancellationToken);
            }

            session.Dimensions.ReplaceIndicators();
            transaction.Commit();
        }), TestContext.Current.CancellationToken);

        await stateRowHeld.Task.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        var otherUpdate = Task.Run(() => server.Engine.Execute(other, otherTransaction,
            "UPDATE kpi.kpi_state SET value = 'other' WHERE name = @name", [("@name", (object?)StateName)]),
            TestContext.Current.CancellationToken);
        await Eventually.Until(() => server.Engine.Scalar<long>(monitor, WaitingForLockSql, ("@id", otherId)) > 0,
            "the other session to wait for the kpi_state row the store work holds");
        otherWaits.SetResult();

        // The store work is the victim: the other session's update then goes through, and it commits.
        (await otherUpdate.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken)).ShouldBe(1);
        otherTransaction.Commit();
        await work.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        attempts.ShouldBe(2);
        using var check = StoreSession.Open(store);
        check.State.Get(StateName).ShouldBe("attempt 2");
    }
}

public sealed class PostgreSqlStoreDeadlockRetryTests(PostgreSqlServer server) : StoreDeadlockRetryTests(server)
{
    // The session whose deadlock check runs first is the one cancelled: the other one checks after a minute.
    protected override string WinDeadlocksSql => "SET deadlock_timeout = '1min'";

    protected override string SessionIdSql => "SELECT pg_backend_pid()";

    protected override string WaitingForLockSql => "SELECT COUNT(*) FROM pg_stat_activity WHERE pid = @id AND wait_event_type = 'Lock'";
}

public sealed class SqlServerStoreDeadlockRetryTests(SqlServerInstance server) : StoreDeadlockRetryTests(server)
{
    protected override string WinDeadlocksSql => "SET DEADLOCK_PRIORITY HIGH";

    protected override string SessionIdSql => "SELECT CAST(@@SPID AS bigint)";

    protected override string WaitingForLockSql =>
        "SELECT CAST(COUNT(*) AS bigint) FROM sys.dm_exec_requests WHERE session_id = @id AND blocking_session_id <> 0";
}
