using KpiIngest.Core.Indicators;
using KpiIngest.Core.Periods;
using KpiIngest.Core.Snapshots;
using KpiIngest.Data.Store;
using KpiIngest.IntegrationTests.Infrastructure;
using KpiIngest.Worker.Charts;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Charts;

/// <summary>
/// Issue 15: the chart's series read from kpi_snapshot on a real SQLite store: one point per day of the span, null
/// where the store has no row or no data, only the asked scope, indicator and period kind, the latest target; and an
/// MTD series over two months drawn as two lines, the 31st never joined to the 1st.
/// </summary>
public sealed class TrendSeriesStoreTests : IDisposable
{
    private static readonly DateOnly January1 = new(2024, 1, 1);
    private static readonly DateTimeOffset ComputedAt = new(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly TemporarySqliteStore _temporary = new();

    private StoreSession Store => _temporary.Session;

    [Fact]
    public void Read_MtdOverTwoMonths_EveryDayOnceAndTheLineBreaksAtTheFirstOfFebruary()
    {
        // 1 January to 29 February 2024, except 10 February (no snapshot written); 15 January has D = 0 (no data).
        var days = Enumerable.Range(0, 60).Select(January1.AddDays).Where(d => d != new DateOnly(2024, 2, 10)).ToList();
        foreach (var day in days)
        {
            Write(day, Row(day, ScopeKind.Province, "", IndicatorCode.OnTime, day.Day == 15 && day.Month == 1 ? null : 60m + day.Day, 90m),
                Row(day, ScopeKind.Province, "", IndicatorCode.OnlineDossier, 5m, 50m),
                Row(day, ScopeKind.Unit, "SO-TP", IndicatorCode.OnTime, 1m, 90m));
        }

        var series = TrendSeries.Read(Store, PeriodKind.Mtd, ScopeKind.Province, "", IndicatorCode.OnTime, January1, new DateOnly(2024, 2, 29));

        series.Points.Count.ShouldBe(60);
        series.Points.Select(p => p.Day).ShouldBe(Enumerable.Range(0, 60).Select(January1.AddDays));
        series.Points.Single(p => p.Day == new DateOnly(2024, 1, 20)).Ratio.ShouldBe(80m);
        series.Points.Single(p => p.Day == new DateOnly(2024, 1, 15)).Ratio.ShouldBeNull();
        series.Points.Single(p => p.Day == new DateOnly(2024, 2, 10)).Ratio.ShouldBeNull();
        series.Target.ShouldBe(90m);
        var segments = new TrendChart("MTD", series).Segments;
        segments.Select(s => (s[0].Day, s[^1].Day)).ShouldBe(
        [
            (January1, new DateOnly(2024, 1, 14)),
            (new DateOnly(2024, 1, 16), new DateOnly(2024, 1, 31)),
            (new DateOnly(2024, 2, 1), new DateOnly(2024, 2, 9)),
            (new DateOnly(2024, 2, 11), new DateOnly(2024, 2, 29)),
        ]);
    }

    public void Dispose() => _temporary.Dispose();

    private void Write(DateOnly day, params SnapshotRow[] rows)
    {
        using var transaction = Store.BeginWrite();
        Store.Snapshots.Replace(day, rows, ComputedAt);
        transaction.Commit();
    }

    private static SnapshotRow Row(DateOnly day, ScopeKind scope, string scopeId, IndicatorCode indicator, decimal? ratio, decimal target) =>
        new(day, PeriodKind.Mtd, PeriodKind.Mtd.Start(day), scope, scopeId, scope == ScopeKind.Unit ? 1 : null, indicator,
            ratio is null ? 0 : (long)ratio.Value, ratio is null ? 0 : 100, ratio, target, ratio is null ? null : ratio >= target, IsFinal: true);
}
