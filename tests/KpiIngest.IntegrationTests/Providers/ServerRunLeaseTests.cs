using System.Data.Common;
using System.Globalization;
using KpiIngest.Data.Store;
using KpiIngest.IntegrationTests.Infrastructure;
using KpiIngest.Worker.Configuration;
using KpiIngest.Worker.Pipeline;
using Microsoft.Extensions.Logging.Abstractions;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Providers;

/// <summary>
/// Issue 14 on the server stores: a run keeps the lease's session lock on its connection for as long as it holds the
/// lease, and the server frees that lock when the connection ends. A holder on another host whose connection is alive
/// still blocks; one whose connection the server ended (pg_terminate_backend, KILL: what a dead host or a killed
/// process amounts to) is taken over at once, long before its expiry (an hour here). The run's own release survives
/// its connection breaking, and a store retry's new connection keeps the lease against others.
/// </summary>
public abstract class ServerRunLeaseTests(DatabaseServer server)
{
    /// <summary>A holder on another host, written by a version that holds the session lock (it has a start mark).</summary>
    private const string OtherHost = "other-host/pid 4242/start 1 boot 0123456789ab/abcd1234/efgh5678";

    private static readonly LeaseOptions HourLongLease = new() { Expiry = TimeSpan.FromHours(1), Wait = TimeSpan.FromSeconds(5) };

    private static readonly LeaseOptions NoWait = new() { Expiry = TimeSpan.FromHours(1), Wait = TimeSpan.Zero };

    [Fact]
    public void TryAcquire_HolderOnAnotherHostStillConnected_IsRefusedNamingIt()
    {
        using var database = server.CreateDatabase();
        var store = Store(database);
        using var holder = HoldAsAnotherHost(store);

        using var successor = StoreSession.Open(store);
        using var lease = RunLease.TryAcquire(() => successor, store, NoWait, "once", TimeProvider.System, NullLogger.Instance,
            TestContext.Current.CancellationToken, out var refusal);

        lease.ShouldBeNull();
        refusal.ShouldNotBeNull().ShouldContain(OtherHost);
    }

    [Fact]
    public void TryAcquire_HolderWhoseConnectionTheServerEnded_IsTakenOverBeforeItsExpiry()
    {
        using var database = server.CreateDatabase();
        var store = Store(database);
        using var holder = HoldAsAnotherHost(store);
        EndSession(database, holder);

        using var successor = StoreSession.Open(store);
        using var lease = RunLease.TryAcquire(() => successor, store, HourLongLease, "once", TimeProvider.System, NullLogger.Instance,
            TestContext.Current.CancellationToken, out var refusal);

        lease.ShouldNotBeNull(refusal);
        successor.Leases.Current(LeaseStore.Runs).ShouldNotBeNull().Holder.ShouldStartWith(RunLease.ProcessHolder);
    }

    [Fact]
    public void Dispose_RunsConnectionEndedByTheServer_ReleasesTheLeaseOnAFreshConnection()
    {
        using var database = server.CreateDatabase();
        var store = Store(database);
        using var run = new RunSession(store);
        var lease = RunLease.TryAcquire(() => run.Current, store, NoWait, "once", TimeProvider.System, NullLogger.Instance,
            TestContext.Current.CancellationToken, out var refusal).ShouldNotBeNull(refusal);
        EndSession(database, run.Current);

        lease.Dispose();

        using var check = StoreSession.Open(store);
        check.Leases.Current(LeaseStore.Runs).ShouldBeNull("released at once, not left to lapse at its expiry in an hour");
    }

    [Fact]
    public void Attach_AfterAStoreRetryReplacedTheRunsSession_TheLeaseStillBlocksOthers()
    {
        using var database = server.CreateDatabase();
        var store = Store(database);
        using var run = new RunSession(store);
        using var lease = RunLease.TryAcquire(() => run.Current, store, NoWait, "once", TimeProvider.System, NullLogger.Instance,
            TestContext.Current.CancellationToken, out var refusal).ShouldNotBeNull(refusal);

        // What KpiRunner does before a retry: the lock moves from the old connection to the new one.
        lease.Detach();
        run.Reopen();
        lease.Attach();

        using var other = StoreSession.Open(store);
        other.Leases.TryLockSession(LeaseStore.Runs).ShouldBeFalse("the run's new connection holds the lease's session lock");
        using var second = RunLease.TryAcquire(() => other, store, NoWait, "poll", TimeProvider.System, NullLogger.Instance,
            TestContext.Current.CancellationToken, out var secondRefusal);
        second.ShouldBeNull("the first run still holds the lease and its lock");
        secondRefusal.ShouldNotBeNull().ShouldContain(RunLease.ProcessHolder);
    }

    /// <summary>Ends the connection <paramref name="sessionId"/> from the server side, as a dead client's would end.</summary>
    protected abstract void EndConnection(DbConnection admin, long sessionId);

    /// <summary>The server's id of the session's connection.</summary>
    protected abstract string SessionIdSql { get; }

    private StoreDatabase Store(TestDatabase database)
    {
        var store = StoreDatabase.For(server.Engine.Provider, database.AdminConnectionString, "kpi");
        StoreSession.Migrate(store, TimeProvider.System);
        return store;
    }

    /// <summary>A holder on another host, as a running instance there holds the lease: session lock, then row.</summary>
    private static StoreSession HoldAsAnotherHost(StoreDatabase store)
    {
        var holder = StoreSession.Open(store);
        holder.Leases.TryLockSession(LeaseStore.Runs).ShouldBeTrue();
        holder.Leases.TryAcquire(LeaseStore.Runs, OtherHost, "poll", DateTimeOffset.UtcNow, TimeSpan.FromHours(1)).ShouldBeNull();
        return holder;
    }

    private void EndSession(TestDatabase database, StoreSession session)
    {
        var id = Convert.ToInt64(session.Commands.Scalar(SessionIdSql), CultureInfo.InvariantCulture);
        using var admin = database.OpenAdmin();
        EndConnection(admin, id);
    }
}

public sealed class PostgreSqlServerRunLeaseTests(PostgreSqlServer server) : ServerRunLeaseTests(server)
{
    protected override string SessionIdSql => "SELECT pg_backend_pid()";

    protected override void EndConnection(DbConnection admin, long sessionId) =>
        ServerEngine.PostgreSql.Execute(admin, "SELECT pg_terminate_backend(@pid)", ("pid", (int)sessionId));
}

public sealed class SqlServerRunLeaseTests(SqlServerInstance server) : ServerRunLeaseTests(server)
{
    protected override string SessionIdSql => "SELECT @@SPID";

    // KILL takes no parameter; the id is a number the server gave.
    protected override void EndConnection(DbConnection admin, long sessionId) =>
        ServerEngine.SqlServer.Execute(admin, $"KILL {sessionId.ToString(CultureInfo.InvariantCulture)}");
}
