using System.Globalization;
using KpiIngest.IntegrationTests.Alerts;
using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;
using static KpiIngest.IntegrationTests.Infrastructure.Kpi;

namespace KpiIngest.IntegrationTests.Faults;

/// <summary>
/// Issue 6, "Late corrections", with the horizon of indicators.md ("Periods"): the issue names it
/// <c>Snapshots:RestateDays</c>, the spec <c>Snapshots:RestateMonths</c> (default 1: from the first day of the
/// previous month to today), and the spec is followed. Dates are relative to today (local), as the horizon is:
/// H = first day of last month, O = H − 10 days (older history), I = H + 2 days (inside the horizon).
/// <code>
/// unit X-A (level 3), one pair P1 with fee and online payment
/// O-00..O-09  received O 09:00 in person, fee 20,000 unpaid, processing
/// I-00..I-09  received I 09:00 in person, fee 20,000 unpaid, processing, due I + 5 days
/// </code>
/// After <c>backfill --from O --to yesterday</c>, the source is corrected (updated_at now): I-00..I-03 were in fact
/// online (channel corrected), I-09's fee was refunded, I-08 was resolved late on I + 1 with an electronic result,
/// and O-00 was online too. The next <c>once</c> restates every existing snapshot from H on, in place, and re-folds
/// their alerts; O's snapshots and alerts stay as published until a <c>backfill</c> of O's month restates them.
/// </summary>
public sealed class LateCorrectionTests
{
    private static readonly DateOnly Today = DateOnly.ParseExact(ProvinceClock.Now()[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static readonly DateOnly H = new DateOnly(Today.Year, Today.Month, 1).AddMonths(-1);
    private static readonly DateOnly O = H.AddDays(-10);
    private static readonly DateOnly I = H.AddDays(2);
    private static readonly DateOnly Yesterday = Today.AddDays(-1);
    private static readonly DateOnly EndOfOsMonth = H.AddDays(-1);

    [Fact]
    public async Task Once_DossiersCorrectedAfterTheirDayClosed_RestatesTheHorizonInPlaceAndLeavesOlderHistoryAsPublished()
    {
        using var workspace = CreateWorkspace();
        (await workspace.RunAsync("backfill", "--from", DateText(O), "--to", DateText(Yesterday))).ShouldSucceed();
        var published = workspace.Store.Snapshots();
        var alertsBefore = new AlertQueries(workspace.StorePath).Alerts();
        Row(workspace, I, Mtd, OnlineDossier).ShouldSatisfyAllConditions(r => (r.Numerator, r.Denominator).ShouldBe((0L, 10L)));
        var previousMonth = Alert(alertsBefore, H);
        (previousMonth.Status, previousMonth.Severity, previousMonth.Numerator, previousMonth.Shortfall).ShouldBe(("MISSED", "CRITICAL", 0L, 5L));

        Correct(workspace);
        var result = (await workspace.RunAsync("once")).ShouldSucceed();

        // Inside the horizon: restated with the corrections, in place (same keys, same row count, rewritten).
        var context = result.Describe();
        var sameYear = O.Year == I.Year;
        workspace.ShouldSatisfyAllConditions(
            () => Counts(workspace, I, Day, OnlineDossier).ShouldBe((4L, 10L), context),
            () => Counts(workspace, I, Mtd, OnlineDossier).ShouldBe((4L, 10L), context),
            () => Counts(workspace, I, Ytd, OnlineDossier).ShouldBe(sameYear ? (5L, 20L) : (4L, 10L), "YTD restated from the source as it now is, O-00 included"),
            () => Counts(workspace, I, Day, OnlinePayment).ShouldBe((0L, 9L), "I-09's fee refunded: no longer a dossier with a fee"),
            () => Counts(workspace, I.AddDays(1), Day, EResult).ShouldBe((1L, 1L), "I-08 resolved late on I + 1, with an electronic result"),
            () => Counts(workspace, I.AddDays(1), Day, OnTime).ShouldBe((1L, 1L), "resolved before its due date"),
            () => Counts(workspace, Yesterday, Mtd, OnlineDossier).ShouldBe(Yesterday.Month == I.Month ? (4L, 10L) : (0L, 0L)),
            () => workspace.Store.Snapshots(DateText(I)).Count.ShouldBe(published.Count(s => s.SnapshotDate == DateText(I)), "overwritten, never duplicated"),
            () => Row(workspace, I, Day, OnlineDossier).ComputedAt.ShouldNotBe(Published(published, I, Day, OnlineDossier).ComputedAt, "rewritten"));

        // Older than the horizon: exactly as published, computed_at included.
        var older = workspace.Store.Snapshots().Where(s => string.CompareOrdinal(s.SnapshotDate, DateText(H)) < 0).ToList();
        older.ShouldBe(published.Where(s => string.CompareOrdinal(s.SnapshotDate, DateText(H)) < 0).ToList(), "snapshots before the horizon stay as published");
        Counts(workspace, O, Day, OnlineDossier).ShouldBe((0L, 10L), "O-00's correction is older than the horizon");

        // Alerts re-folded with the restated snapshots: last month's miss is now a WARNING of 4/10, short by 1.
        var alerts = new AlertQueries(workspace.StorePath).Alerts();
        var restated = Alert(alerts, H);
        restated.ShouldSatisfyAllConditions(
            () => (restated.Status, restated.Severity).ShouldBe(("MISSED", "WARNING"), context),
            () => (restated.Numerator, restated.Denominator, restated.Shortfall).ShouldBe((4L, 10L, 1L)),
            () => (restated.Ratio, restated.Gap).ShouldBe((40m, 10m)),
            () => (restated.OpenedOn, restated.ClosedOn).ShouldBe((DateText(I), DateText(H.AddMonths(1).AddDays(-1)))),
            () => restated.AlertId.ShouldBe(previousMonth.AlertId, "updated in place"));
        Alert(alerts, O.AddDays(1 - O.Day)).ShouldBe(Alert(alertsBefore, O.AddDays(1 - O.Day)), "O's month is older than the horizon");

        // On demand, backfill restates older history too: O's day and month now count O-00 online.
        var backfill = (await workspace.RunAsync("backfill", "--from", DateText(O), "--to", DateText(EndOfOsMonth))).ShouldSucceed();
        Counts(workspace, O, Day, OnlineDossier).ShouldBe((1L, 10L), backfill.Describe());
        Counts(workspace, EndOfOsMonth, Mtd, OnlineDossier).ShouldBe((1L, 10L));
        var oldMonth = Alert(new AlertQueries(workspace.StorePath).Alerts(), O.AddDays(1 - O.Day));
        (oldMonth.Status, oldMonth.Severity, oldMonth.Numerator, oldMonth.Denominator, oldMonth.Shortfall)
            .ShouldBe(("MISSED", "CRITICAL", 1L, 10L, 4L), "ceil(50 × 10 / 100) − 1 = 4");
    }

    /// <summary>Snapshots:RestateMonths 0: the horizon starts on the first of this month, so last month stays as published.</summary>
    [Fact]
    public async Task Once_RestateMonthsZero_LastMonthStaysAsPublished()
    {
        using var workspace = CreateWorkspace();
        workspace.Configure("""{ "Snapshots": { "RestateMonths": 0 } }""");
        (await workspace.RunAsync("backfill", "--from", DateText(O), "--to", DateText(Yesterday))).ShouldSucceed();
        var published = workspace.Store.Snapshots();
        var alertsBefore = new AlertQueries(workspace.StorePath).Alerts();

        Correct(workspace);
        var result = (await workspace.RunAsync("once")).ShouldSucceed();

        var thisMonth = DateText(H.AddMonths(1));
        workspace.Store.Snapshots().Where(s => string.CompareOrdinal(s.SnapshotDate, thisMonth) < 0).ToList()
            .ShouldBe(published.Where(s => string.CompareOrdinal(s.SnapshotDate, thisMonth) < 0).ToList(), result.Describe());
        Counts(workspace, I, Day, OnlineDossier).ShouldBe((0L, 10L));
        Alert(new AlertQueries(workspace.StorePath).Alerts(), H).ShouldBe(Alert(alertsBefore, H));
    }

    private static ProvinceWorkspace CreateWorkspace()
    {
        var workspace = new ProvinceWorkspace();
        workspace.AddUnits(new UnitRow("X-A", "Xã An Hòa", 3));
        workspace.AddProcedures(new ProcedureRow("X-A", "P1", 3) { HasFee = 1, OnlinePayment = 1 });
        var loaded = ProvinceClock.NowPlus(TimeSpan.FromHours(-2));
        workspace.AddDossiers(Enumerable.Range(0, 10).Select(i => Dossier($"O-{i:D2}", O, loaded)));
        workspace.AddDossiers(Enumerable.Range(0, 10).Select(i => Dossier($"I-{i:D2}", I, loaded)));
        return workspace;
    }

    private static void Correct(ProvinceWorkspace workspace)
    {
        var now = ProvinceClock.NowPlus(TimeSpan.FromMinutes(-1));
        for (var i = 0; i < 4; i++)
        {
            workspace.UpdateDossier(Dossier($"I-{i:D2}", I, now) with { Channel = 2 });
        }

        workspace.UpdateDossier(Dossier("I-09", I, now) with { FeeAmount = null });
        workspace.UpdateDossier(Dossier("I-08", I, now) with { Status = 10, ResolvedAt = $"{DateText(I.AddDays(1))} 10:00:00", EResult = 1 });
        workspace.UpdateDossier(Dossier("O-00", O, now) with { Channel = 2 });
    }

    private static DossierRow Dossier(string id, DateOnly received, string updatedAt) => new(id, "X-A", "P1")
    {
        Status = 4,
        ReceivedAt = $"{DateText(received)} 09:00:00",
        DueAt = $"{DateText(received.AddDays(5))} 17:00:00",
        FeeAmount = 20_000m,
        UpdatedAt = updatedAt,
    };

    private static StoredSnapshotRow Row(ProvinceWorkspace workspace, DateOnly date, string period, string indicator) =>
        workspace.Store.Snapshots(DateText(date), period).Single(r => r.Scope == Unit && r.ScopeId == "X-A" && r.Indicator == indicator);

    private static StoredSnapshotRow Published(IReadOnlyList<StoredSnapshotRow> rows, DateOnly date, string period, string indicator) =>
        rows.Single(r => r.SnapshotDate == DateText(date) && r.Period == period && r.Scope == Unit && r.ScopeId == "X-A" && r.Indicator == indicator);

    private static (long, long) Counts(ProvinceWorkspace workspace, DateOnly date, string period, string indicator)
    {
        var row = Row(workspace, date, period, indicator);
        return (row.Numerator, row.Denominator);
    }

    private static AlertRow Alert(IReadOnlyList<AlertRow> alerts, DateOnly periodStart) =>
        alerts.Single(a => a.Scope == Unit && a.ScopeId == "X-A" && a.Indicator == OnlineDossier && a.Period == Mtd && a.PeriodStart == DateText(periodStart));

    private static string DateText(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
