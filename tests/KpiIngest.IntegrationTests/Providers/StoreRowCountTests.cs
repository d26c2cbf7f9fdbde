using KpiIngest.Core.Source;
using KpiIngest.Data.Store;
using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Providers;

/// <summary>
/// The counts the store acts on (a job firing claimed or not, a lease renewed or lost, what retention deleted) are
/// right whatever the session's settings. On SQL Server a DBA may make NOCOUNT every session's default ('user
/// options'); the driver's "rows affected" is then -1, so a claim would never win and a renewal always be "lost".
/// The SQL Server test issues SET NOCOUNT ON on the session itself; PostgreSQL has no such setting and runs the same
/// checks as they are.
/// </summary>
public abstract class StoreRowCountTests(DatabaseServer server)
{
    private static readonly DateTimeOffset Now = new(2025, 6, 2, 3, 0, 0, TimeSpan.Zero);

    /// <summary>What hides row counts from the driver on this engine, issued on the store session's connection.</summary>
    protected abstract string? HideRowCountsSql { get; }

    [Fact]
    public void JobClaims_SecondInstanceClaimsTheSameFiring_OnlyTheFirstWins()
    {
        using var database = server.CreateDatabase();
        using var store = OpenStore(database);
        var firing = Now.AddMinutes(-1);

        store.JobClaims.TryClaim("poll", firing, "instance A", Now).ShouldBeTrue();
        store.JobClaims.TryClaim("poll", firing, "instance B", Now).ShouldBeFalse();
        store.JobClaims.TryClaim("poll", firing.AddMinutes(1), "instance B", Now).ShouldBeTrue();
    }

    [Fact]
    public void Leases_RenewByHolderAndByAnother_OnlyTheHolderRenews()
    {
        using var database = server.CreateDatabase();
        using var store = OpenStore(database);

        store.Leases.TryAcquire(LeaseStore.Runs, "instance A", "poll", Now, TimeSpan.FromMinutes(1)).ShouldBeNull();

        store.Leases.Renew(LeaseStore.Runs, "instance A", Now.AddSeconds(20), TimeSpan.FromMinutes(1)).ShouldBeTrue();
        store.Leases.Renew(LeaseStore.Runs, "instance B", Now.AddSeconds(20), TimeSpan.FromMinutes(1)).ShouldBeFalse();
    }

    [Fact]
    public void ApplyRetention_OldRows_ReportsHowManyItDeleted()
    {
        using var database = server.CreateDatabase();
        using var store = OpenStore(database);
        var old = Now.AddDays(-200);
        using (var transaction = store.BeginWrite())
        {
            store.Quarantine.Upsert(
                [new(SourceContract.Dossiers, "D1", "bad", "x"), new(SourceContract.Dossiers, "D2", "bad", "y")], old);
            store.Quarantine.Clear(SourceContract.Dossiers, ["D1", "D2"], old);
            transaction.Commit();
        }

        store.Runs.RecordRefused("poll", null, old, old, "the run lease stayed taken");

        var deleted = store.Service.ApplyRetention(DateOnly.FromDateTime(old.UtcDateTime), Now.AddDays(-90), Now.AddDays(-90));

        deleted.ShouldBe(new RetentionResult(SnapshotRows: 0, Runs: 1, QuarantineRows: 2));
    }

    private StoreSession OpenStore(TestDatabase database)
    {
        var store = StoreSession.OpenMigrated(StoreDatabase.For(server.Engine.Provider, database.AdminConnectionString, "kpi"), TimeProvider.System);
        if (HideRowCountsSql is { } sql)
        {
            store.Commands.Execute(sql);
        }

        return store;
    }
}

public sealed class PostgreSqlStoreRowCountTests(PostgreSqlServer server) : StoreRowCountTests(server)
{
    protected override string? HideRowCountsSql => null;
}

public sealed class SqlServerStoreRowCountTests(SqlServerInstance server) : StoreRowCountTests(server)
{
    protected override string? HideRowCountsSql => "SET NOCOUNT ON";
}
