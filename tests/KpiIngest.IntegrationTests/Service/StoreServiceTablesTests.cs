using Dapper;
using KpiIngest.Data.Store;
using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Service;

/// <summary>
/// The store side of the service on a real SQLite file: the run lease (one holder at a time, lapsing when its holder
/// died), retention (operations.md), and the make-up anchor read back from kpi_run.
/// </summary>
public sealed class StoreServiceTablesTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 2, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Expiry = TimeSpan.FromMinutes(5);

    private readonly TemporarySqliteStore _temporary = new();
    private readonly StoreSession _store;

    public StoreServiceTablesTests() => _store = _temporary.Session;

    [Fact]
    public void TryAcquire_FreeLease_IsTaken()
    {
        Leases().TryAcquire(LeaseStore.Runs, "a", "poll", T0, Expiry).ShouldBeNull();

        Leases().Current(LeaseStore.Runs).ShouldNotBeNull().Holder.ShouldBe("a");
    }

    [Fact]
    public void TryAcquire_HeldByAnotherUntilExpiry_IsRefusedNamingTheHolder()
    {
        Leases().TryAcquire(LeaseStore.Runs, "a", "poll", T0, Expiry);

        var inTheWay = Leases().TryAcquire(LeaseStore.Runs, "b", "once", T0.AddMinutes(4), Expiry);

        inTheWay.ShouldNotBeNull();
        inTheWay.Holder.ShouldBe("a");
        inTheWay.Purpose.ShouldBe("poll");
    }

    [Fact]
    public void TryAcquire_HolderDiedAndLeaseExpired_IsTaken()
    {
        Leases().TryAcquire(LeaseStore.Runs, "a", "poll", T0, Expiry);

        Leases().TryAcquire(LeaseStore.Runs, "b", "once", T0.AddMinutes(5), Expiry).ShouldBeNull();
        Leases().Current(LeaseStore.Runs)!.Holder.ShouldBe("b");
    }

    [Fact]
    public void Renew_KeepsALiveHolderPastItsFirstExpiry()
    {
        Leases().TryAcquire(LeaseStore.Runs, "a", "reconcile", T0, Expiry);
        Leases().Renew(LeaseStore.Runs, "a", T0.AddMinutes(4), Expiry).ShouldBeTrue();

        Leases().TryAcquire(LeaseStore.Runs, "b", "once", T0.AddMinutes(6), Expiry).ShouldNotBeNull();
    }

    [Fact]
    public void Renew_AfterTheLeaseLapsedAndWasTaken_FailsAndLeavesTheNewHolder()
    {
        Leases().TryAcquire(LeaseStore.Runs, "a", "poll", T0, Expiry);
        Leases().TryAcquire(LeaseStore.Runs, "b", "once", T0.AddMinutes(6), Expiry);

        Leases().Renew(LeaseStore.Runs, "a", T0.AddMinutes(7), Expiry).ShouldBeFalse();
        Leases().Current(LeaseStore.Runs)!.Holder.ShouldBe("b");
    }

    [Fact]
    public void Release_ByAnotherHolder_LeavesTheLease()
    {
        Leases().TryAcquire(LeaseStore.Runs, "a", "poll", T0, Expiry);

        Leases().Release(LeaseStore.Runs, "b");
        Leases().Current(LeaseStore.Runs).ShouldNotBeNull();
        Leases().Release(LeaseStore.Runs, "a");
        Leases().Current(LeaseStore.Runs).ShouldBeNull();
    }

    [Fact]
    public void ApplyRetention_OldDailyRows_DeletedExceptMonthAndYearEnds()
    {
        foreach (var date in new[] { "2023-01-30", "2023-01-31", "2023-02-27", "2023-02-28", "2023-12-30", "2023-12-31", "2024-02-28", "2024-02-29", "2025-01-01" })
        {
            InsertSnapshot(date);
        }

        var result = Service().ApplyRetention(new DateOnly(2024, 12, 1), T0.AddDays(-180), T0.AddDays(-90));

        result.SnapshotRows.ShouldBe(4); // 2023-01-30, 2023-02-27, 2023-12-30, 2024-02-28
        _store.Connection.Query<string>("SELECT snapshot_date FROM kpi_snapshot ORDER BY snapshot_date")
            .ShouldBe(["2023-01-31", "2023-02-28", "2023-12-31", "2024-02-29", "2025-01-01"]);
    }

    [Fact]
    public void ApplyRetention_OldRuns_DeletedExceptTheLatestSuccessOfEachKindAndRunningOnes()
    {
        var old = T0.AddDays(-200);
        var oldestClose = _store.Runs.Start("day-close", old, new DateOnly(2024, 6, 15));
        _store.Runs.Finish(oldestClose, new RunCounts(), true, null, old);
        var lastClose = _store.Runs.Start("day-close", old.AddDays(1), new DateOnly(2024, 6, 16));
        _store.Runs.Finish(lastClose, new RunCounts(), true, null, old.AddDays(1));
        var failed = _store.Runs.RecordRefused("poll", null, old, old, "boom");
        var recent = _store.Runs.Start("poll", T0.AddDays(-1));
        _store.Runs.Finish(recent, new RunCounts(), true, null, T0.AddDays(-1));

        var result = Service().ApplyRetention(new DateOnly(2020, 1, 1), T0.AddDays(-180), T0.AddDays(-90));

        result.Runs.ShouldBe(2);
        _store.Connection.Query<long>("SELECT run_id FROM kpi_run ORDER BY run_id").ShouldBe([lastClose, recent]);
        _store.Runs.LastSucceededAsOf("day-close").ShouldBe(new DateOnly(2024, 6, 16));
        _ = failed;
    }

    [Fact]
    public void ApplyRetention_ClearedQuarantineOlderThanTheHorizon_DeletedActiveKept()
    {
        _store.Connection.Execute(
            """
            INSERT INTO kpi_quarantine (relation, record_key, reason, first_seen, last_seen, cleared_at) VALUES
              ('src_dossier', 'old-cleared', 'r', '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z', '2024-01-02T00:00:00.000Z'),
              ('src_dossier', 'old-active',  'r', '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z', NULL),
              ('src_dossier', 'new-cleared', 'r', '2024-12-20T00:00:00.000Z', '2024-12-20T00:00:00.000Z', '2024-12-30T00:00:00.000Z')
            """);

        Service().ApplyRetention(new DateOnly(2020, 1, 1), T0.AddDays(-180), T0.AddDays(-90)).QuarantineRows.ShouldBe(1);

        _store.Connection.Query<string>("SELECT record_key FROM kpi_quarantine ORDER BY record_key").ShouldBe(["new-cleared", "old-active"]);
    }

    [Fact]
    public void LastSucceededAsOf_DayCloses_IsTheLatestClosedDayNotTheLatestRun()
    {
        var close = _store.Runs.Start("day-close", T0, new DateOnly(2024, 12, 31));
        _store.Runs.Finish(close, new RunCounts(), true, null, T0);
        var failedLater = _store.Runs.Start("day-close", T0.AddDays(1), new DateOnly(2025, 1, 1));
        _store.Runs.Finish(failedLater, new RunCounts(), false, "source down", T0.AddDays(1));
        var poll = _store.Runs.Start("poll", T0.AddDays(1), new DateOnly(2025, 1, 2));
        _store.Runs.Finish(poll, new RunCounts(), true, null, T0.AddDays(1));

        var history = _store.Runs;

        history.LastSucceededAsOf("day-close").ShouldBe(new DateOnly(2024, 12, 31));
        history.LastSucceededAt("poll").ShouldBe(T0.AddDays(1));
    }

    public void Dispose() => _temporary.Dispose();

    private LeaseStore Leases() => _store.Leases;

    private ServiceStore Service() => _store.Service;

    private void InsertSnapshot(string date) =>
        _store.Connection.Execute(
            """
            INSERT INTO kpi_snapshot (snapshot_date, period, period_start, scope, scope_id, level, indicator, numerator,
                                      denominator, ratio, target, met, is_final, computed_at)
            VALUES (@date, 'DAY', @date, 'PROVINCE', '', NULL, 'ONLINE_DOSSIER', 1, 2, 50, 50, 1, 1, '2025-01-01T00:00:00.000Z')
            """,
            new { date });
}
