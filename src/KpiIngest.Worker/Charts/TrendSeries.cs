using KpiIngest.Core.Indicators;
using KpiIngest.Core.Periods;
using KpiIngest.Core.Snapshots;
using KpiIngest.Data.Store;

namespace KpiIngest.Worker.Charts;

/// <summary>One day of a trend: the period's ratio as of that day in percent points, or null for no data.</summary>
public sealed record TrendPoint(DateOnly Day, decimal? Ratio);

/// <summary>
/// An indicator's daily series over a span of days, one point per day (null where the store has no row or no data),
/// of one period kind, and the target to draw against (null: none set).
/// </summary>
public sealed record TrendSeries(PeriodKind Period, IReadOnlyList<TrendPoint> Points, decimal? Target)
{
    /// <summary>
    /// The series of one scope and indicator from the store's kpi_snapshot rows, every day of [from, to] present.
    /// The target is the latest day's that has one: a target set changed mid-span draws the one in force now.
    /// </summary>
    public static TrendSeries Read(
        StoreSession store, PeriodKind period, ScopeKind scope, string scopeId, IndicatorCode indicator, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(store);
        var stored = store.Snapshots.Series(period, scope, scopeId, indicator, from, to);
        var ratios = stored.ToDictionary(d => d.Day, d => d.Ratio);
        var points = new List<TrendPoint>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            points.Add(new TrendPoint(day, ratios.GetValueOrDefault(day)));
        }

        return new TrendSeries(period, points, stored.LastOrDefault(d => d.Target is not null)?.Target);
    }

    /// <summary>
    /// The runs of consecutive days with data that a line may join. A line breaks where a day has no data, where a day
    /// is missing, and where a cumulative period (MTD, QTD, YTD) starts again: joining the 31st's month-to-date figure
    /// to the 1st's would draw a spike that no figure ever made. DAY figures are each their own day, so they join.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<TrendPoint>> Segments()
    {
        var segments = new List<IReadOnlyList<TrendPoint>>();
        List<TrendPoint>? current = null;
        TrendPoint? previous = null;
        foreach (var point in Points.OrderBy(p => p.Day))
        {
            if (point.Ratio is null)
            {
                current = null;
                previous = null;
                continue;
            }

            if (current is null || previous is null || !Joins(previous.Day, point.Day))
            {
                current = [];
                segments.Add(current);
            }

            current.Add(point);
            previous = point;
        }

        return segments;
    }

    private bool Joins(DateOnly previous, DateOnly next) =>
        next == previous.AddDays(1) && (Period == PeriodKind.Day || Period.Start(next) == Period.Start(previous));
}
