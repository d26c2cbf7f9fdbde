using KpiIngest.Demo;
using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.EndToEnd;

/// <summary>
/// A run's first date takes its period sums from the engine (one aggregate per period start); every later date of
/// the run walks on from there, day by day. Both must give the same figures: every date of a backfill (walked, except
/// its first) is computed again alone by <c>once</c> (summed), across month and quarter boundaries, bad rows and
/// uncatalogued dossiers included, with every period kind configured.
/// </summary>
public sealed class SnapshotStartTests : IDisposable
{
    private static readonly string[] Columns =
        ["snapshot_date", "period", "period_start", "scope", "scope_id", "level", "indicator", "numerator", "denominator", "ratio", "target", "met", "is_final"];

    private readonly string _folder = Directory.CreateTempSubdirectory("kpi-snapshot-start-").FullName;

    [Fact]
    public async Task Once_EachDateAlone_WritesTheRowsTheBackfillWalkedTo()
    {
        var source = Path.Combine(_folder, "province.db");
        SyntheticProvince.Create(source, new SyntheticProvinceOptions
        {
            From = new DateOnly(2025, 1, 1),
            To = new DateOnly(2025, 4, 30),
            Dossiers = 4_000,
            Units = 20,
            CatalogPairs = 150,
            Seed = 11,
            BadRowRate = 0.01,
            UncataloguedRate = 0.01,
        });
        using var workspace = new ProvinceWorkspace();
        workspace.Configure($$"""
            {
              "Source": { "ConnectionString": "Data Source={{source}};Mode=ReadOnly" },
              "Snapshots": { "Periods": [ "DAY", "MTD", "QTD", "YTD" ] }
            }
            """);
        (await workspace.RunAsync("backfill", "--from", "2025-01-01", "--to", "2025-04-30")).ShouldSucceed();
        var walked = workspace.Store.Lines("kpi_snapshot", Columns);
        walked.Count.ShouldBeGreaterThan(10_000, "the backfill must have written rows to compare");
        var backfilledAt = ComputedAt(workspace);

        string[] dates = ["2025-01-02", "2025-01-31", "2025-02-01", "2025-03-15", "2025-03-31", "2025-04-01", "2025-04-30"];
        foreach (var date in dates)
        {
            (await workspace.RunAsync("once", "--date", date)).ShouldSucceed();
        }

        var summed = workspace.Store.Lines("kpi_snapshot", Columns);
        var changed = walked.Except(summed, StringComparer.Ordinal).Take(5).ToList();
        changed.ShouldBeEmpty($"rows the backfill wrote that a date computed alone did not: {string.Join("; ", changed)}");
        summed.Count.ShouldBe(walked.Count);

        // Each of those dates was written again (not left as the backfill wrote it), and only those.
        var rewritten = ComputedAt(workspace).Where(d => backfilledAt[d.Key] != d.Value).Select(d => d.Key).Order(StringComparer.Ordinal);
        rewritten.ShouldBe(dates);
    }

    /// <summary>Each snapshot date's latest computed_at.</summary>
    private static Dictionary<string, string> ComputedAt(ProvinceWorkspace workspace) =>
        workspace.Store.Lines("kpi_snapshot", "snapshot_date", "computed_at")
            .Select(l => l.Split(" | "))
            .GroupBy(p => p[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p[1]).Order(StringComparer.Ordinal).Last(), StringComparer.Ordinal);

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
