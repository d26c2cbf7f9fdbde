using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;
using static KpiIngest.IntegrationTests.Infrastructure.Kpi;

namespace KpiIngest.IntegrationTests.EndToEnd;

/// <summary>
/// indicators.md, "Periods": snapshots are recomputed and overwritten, never duplicated. Running again over an
/// unchanged source changes nothing but computed_at.
/// </summary>
public sealed class RerunTests
{
    [Fact]
    public async Task Once_SameDateTwiceWithoutSourceChange_SnapshotsIdenticalExceptComputedAt()
    {
        using var workspace = new ProvinceWorkspace();
        HandCheckedProvince.Seed(workspace);

        (await workspace.RunAsync("once", "--date", "2024-04-30")).ShouldSucceed();
        var first = WithoutComputedAt(workspace.Store.Snapshots());
        (await workspace.RunAsync("once", "--date", "2024-04-30")).ShouldSucceed();
        var second = WithoutComputedAt(workspace.Store.Snapshots());

        first.Count.ShouldBe(216); // 3 periods x 8 scopes (HandCheckedProvinceTests) x 9 indicators
        second.ShouldBe(first);    // same rows, same order (key order), every column but computed_at equal
        second.GroupBy(r => (r.SnapshotDate, r.Key)).ShouldAllBe(g => g.Count() == 1);

        var runs = workspace.Store.Runs();
        runs.Count.ShouldBe(2);
        runs.ShouldAllBe(r => r.Kind == "once" && r.Status == "SUCCEEDED");
    }

    [Fact]
    public async Task Backfill_SameRangeTwice_SnapshotsIdenticalExceptComputedAt()
    {
        using var workspace = new ProvinceWorkspace();
        HandCheckedProvince.Seed(workspace);

        (await workspace.RunAsync("backfill", "--from", "2024-04-28", "--to", "2024-04-30")).ShouldSucceed();
        var first = WithoutComputedAt(workspace.Store.Snapshots());
        (await workspace.RunAsync("backfill", "--from", "2024-04-28", "--to", "2024-04-30")).ShouldSucceed();
        var second = WithoutComputedAt(workspace.Store.Snapshots());

        // 3 dates x 3 periods x 8 scopes x 9 indicators: the same 4 units are active on each of these days.
        first.Count.ShouldBe(648);
        first.Select(r => r.SnapshotDate).Distinct().ShouldBe(["2024-04-28", "2024-04-29", "2024-04-30"]);
        first.ShouldAllBe(r => r.IsFinal);
        second.ShouldBe(first);
        second.GroupBy(r => (r.SnapshotDate, r.Key)).ShouldAllBe(g => g.Count() == 1);

        var runs = workspace.Store.Runs();
        runs.Count.ShouldBe(2);
        runs.ShouldAllBe(r => r.Kind == "backfill" && r.Status == "SUCCEEDED");

        // Each date is computed as of itself. PROVINCE MTD ONLINE_DOSSIER, from HandCheckedProvince:
        //   30 Apr: 15/32 (all of April);
        //   29 Apr: minus the 5 received on the 30th (T10, T11, X11 online; H06, X10 not): 12/27 = 44.444 -> 44.44;
        //   28 Apr: minus also T19, X09 (both online, received the 29th): 10/25 = 40.00.
        SnapshotAssert.ShouldMatch(second, "2024-04-30", Mtd, "2024-04-01", HandCheckedProvince.UnitLevels,
            [Figure.BuiltIn(Province, "", OnlineDossier, 15, 32, 46.88m, false)]);
        SnapshotAssert.ShouldMatch(second, "2024-04-29", Mtd, "2024-04-01", HandCheckedProvince.UnitLevels,
            [Figure.BuiltIn(Province, "", OnlineDossier, 12, 27, 44.44m, false)]);
        SnapshotAssert.ShouldMatch(second, "2024-04-28", Mtd, "2024-04-01", HandCheckedProvince.UnitLevels,
            [Figure.BuiltIn(Province, "", OnlineDossier, 10, 25, 40.00m, false)]);
    }

    private static List<StoredSnapshotRow> WithoutComputedAt(IEnumerable<StoredSnapshotRow> rows) =>
        rows.Select(r => r with { ComputedAt = null }).ToList();
}
