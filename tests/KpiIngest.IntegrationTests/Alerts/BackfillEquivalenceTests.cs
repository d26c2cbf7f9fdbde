using System.Globalization;
using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Alerts;

/// <summary>
/// Issue 3: "A backfill over past dates produces the same final alert states as daily runs on those dates would."
/// One source with data in March and April 2024; one store filled by <c>backfill --from 2024-03-25 --to
/// 2024-04-06</c>, the other by <c>once --date D</c> for each of those dates in order. Their kpi_alert rows must be
/// identical apart from alert_id and notified_at, and the lifecycle they end in is worked out by hand below.
/// <code>
/// unit  level  dossiers (all digitized, reusing data, no fee, unresolved)
/// S-1   1      30 online 5 Mar, 30 online 1 Apr                       always meets ONLINE_DOSSIER
/// U-A   3      10 in person 10 Mar; 6 online 26 Mar; 4 online 27 Mar; 4 in person 28 Mar; 1 in person 29 Mar;
///              1 in person 30 Mar; 10 in person 1 Apr; 10 online 2 Apr
/// U-B   3      10 in person 20 Mar
/// </code>
/// U-A, ONLINE_DOSSIER, MTD March (target 50, CRITICAL below 40):
///   25 Mar 0/10 miss CRITICAL → OPEN, opened 25 Mar; 26 Mar 6/16 (600 &lt; 640) CRITICAL;
///   27 Mar 10/20 met → RESOLVED 27 Mar; 28 Mar 10/24 (1000 &gt;= 960) WARNING → reopened, opened_on kept;
///   29 Mar 10/25 (1000 = 1000, not below) WARNING; 30 Mar 10/26 (1000 &lt; 1040) CRITICAL, escalated;
///   31 Mar, final, still 10/26 → MISSED 31 Mar, ratio 38.46, gap 11.54, shortfall ceil(13) − 10 = 3.
/// U-A, MTD April: 1 Apr 0/10 → OPEN; 2 Apr 10/20 met → RESOLVED 2 Apr, shortfall 0; seen until 6 Apr.
/// U-B, MTD March: 0/10 from 25 Mar on, a miss on the final 31 Mar → MISSED. April: no data, no alert.
/// LEVEL 3 (U-A + U-B): March misses throughout (10/36 at the end) → MISSED; April is U-A's alone → RESOLVED.
/// PROVINCE and LEVEL 1 meet the target on every date (e.g. 31 Mar: 40/66).
/// </summary>
public sealed class BackfillEquivalenceTests
{
    private static readonly DateOnly From = new(2024, 3, 25);
    private static readonly DateOnly To = new(2024, 4, 6);

    [Fact]
    public async Task Backfill_OverTwoMonths_SameAlertsAsOnceForEachDateInOrder()
    {
        using var backfilled = CreateWorkspace();
        using var daily = CreateWorkspace();

        (await backfilled.RunAsync("backfill", "--from", Day(From), "--to", Day(To))).ShouldSucceed();
        for (var date = From; date <= To; date = date.AddDays(1))
        {
            (await daily.RunAsync("once", "--date", Day(date))).ShouldSucceed();
        }

        var expected = new AlertQueries(daily.StorePath).RawAlerts();
        var actual = new AlertQueries(backfilled.StorePath).RawAlerts();
        actual.ShouldNotBeEmpty();
        actual.ShouldBe(expected, $"backfill:{Environment.NewLine}{string.Join(Environment.NewLine, actual)}"
            + $"{Environment.NewLine}once per date:{Environment.NewLine}{string.Join(Environment.NewLine, expected)}");
    }

    [Fact]
    public async Task Backfill_OverTwoMonths_EndsInTheLifecycleWorkedOutByHand()
    {
        using var workspace = CreateWorkspace();

        var result = (await workspace.RunAsync("backfill", "--from", Day(From), "--to", Day(To))).ShouldSucceed();

        var alerts = new AlertQueries(workspace.StorePath).Alerts().Select(a => a.Comparable).ToList();
        alerts.ShouldBe(
        [
            new AlertRow(0, "ONLINE_DOSSIER", "MTD", "2024-03-01", "LEVEL", "3", 3, "MISSED", "CRITICAL", 27.78m, 50m, 22.22m,
                10, 36, 8, "2024-03-25", "2024-03-31", "2024-03-31", null),
            new AlertRow(0, "ONLINE_DOSSIER", "MTD", "2024-04-01", "LEVEL", "3", 3, "RESOLVED", "CRITICAL", 50m, 50m, 0m,
                10, 20, 0, "2024-04-01", "2024-04-06", "2024-04-02", null),
            new AlertRow(0, "ONLINE_DOSSIER", "MTD", "2024-03-01", "UNIT", "U-A", 3, "MISSED", "CRITICAL", 38.46m, 50m, 11.54m,
                10, 26, 3, "2024-03-25", "2024-03-31", "2024-03-31", null),
            new AlertRow(0, "ONLINE_DOSSIER", "MTD", "2024-04-01", "UNIT", "U-A", 3, "RESOLVED", "CRITICAL", 50m, 50m, 0m,
                10, 20, 0, "2024-04-01", "2024-04-06", "2024-04-02", null),
            new AlertRow(0, "ONLINE_DOSSIER", "MTD", "2024-03-01", "UNIT", "U-B", 3, "MISSED", "CRITICAL", 0m, 50m, 50m,
                0, 10, 5, "2024-03-25", "2024-03-31", "2024-03-31", null),
        ], result.Describe());
    }

    /// <summary>LEVEL 3 March, 31 Mar: 10/36 = 27.777… → 27.78, gap 22.22, shortfall ceil(18) − 10 = 8.</summary>
    private static ProvinceWorkspace CreateWorkspace()
    {
        var workspace = new ProvinceWorkspace();
        workspace.AddUnits(new UnitRow("S-1", "Sở Một", 1), new UnitRow("U-A", "Xã A", 3), new UnitRow("U-B", "Xã B", 3));
        workspace.AddProcedures(
            new ProcedureRow("S-1", "P1", 3), new ProcedureRow("U-A", "P1", 3), new ProcedureRow("U-B", "P1", 3));
        var dossiers = new List<DossierRow>();
        Add("S-1", "2024-03-05", 30, online: true);
        Add("S-1", "2024-04-01", 30, online: true);
        Add("U-A", "2024-03-10", 10, online: false);
        Add("U-A", "2024-03-26", 6, online: true);
        Add("U-A", "2024-03-27", 4, online: true);
        Add("U-A", "2024-03-28", 4, online: false);
        Add("U-A", "2024-03-29", 1, online: false);
        Add("U-A", "2024-03-30", 1, online: false);
        Add("U-A", "2024-04-01", 10, online: false);
        Add("U-A", "2024-04-02", 10, online: true);
        Add("U-B", "2024-03-20", 10, online: false);
        workspace.AddDossiers(dossiers);
        return workspace;

        void Add(string unitId, string day, int count, bool online)
        {
            for (var i = 0; i < count; i++)
            {
                var at = $"{day} {8 + (i / 60):D2}:{i % 60:D2}:00";
                dossiers.Add(new DossierRow($"{unitId}-{day}-{i:D2}", unitId, "P1")
                {
                    Channel = online ? 2 : 1,
                    ReceivedAt = at,
                    Digitized = 1,
                    ReusedData = 1,
                    UpdatedAt = "2024-04-07 08:00:00",
                });
            }
        }
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
