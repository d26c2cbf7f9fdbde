using KpiIngest.Core.Indicators;
using KpiIngest.Core.Periods;
using KpiIngest.Core.Snapshots;
using KpiIngest.Core.Source;
using KpiIngest.Data.Store;
using KpiIngest.Worker.Charts;
using KpiIngest.Worker.Configuration;
using KpiIngest.Worker.Email;
using Microsoft.Extensions.Options;

namespace KpiIngest.Worker.Reports.Overview;

/// <summary>Reads an <see cref="Overview"/> from the store (read-only): the one source of the dashboard and `report --format html`.</summary>
public sealed class OverviewReader(IOptions<AlertsOptions> alerts, IOptions<ProvinceOptions> province, ReportingPeriods periods)
{
    /// <summary>Units listed per indicator below its target.</summary>
    public const int WorstPerIndicator = 5;

    /// <summary>Previous months whose final month-to-date value the trend shows.</summary>
    public const int PreviousMonths = 6;

    /// <summary>Days a DAY trend shows: a DAY period is one day, so its trend is the days before it.</summary>
    public const int DayTrendDays = 30;

    /// <summary>The periods a reader may choose: those the snapshots are computed for.</summary>
    public IReadOnlyList<PeriodKind> Periods => periods.Snapshots;

    /// <summary>
    /// The overview of <paramref name="date"/> (default: the latest snapshot date) and <paramref name="period"/>, for
    /// the province, or for one unit when <paramref name="unitId"/> is given; null when that unit is not in the store.
    /// </summary>
    public Overview? Read(StoreSession store, DateOnly? date, PeriodKind period, string? unitId = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var units = store.Dimensions.LoadUnits().ToDictionary(u => u.UnitId, StringComparer.Ordinal);
        Unit? unit = null;
        if (unitId is not null && !units.TryGetValue(unitId, out unit))
        {
            return null;
        }

        var asOf = date ?? store.Snapshots.LatestDate();
        if (asOf is not { } day)
        {
            return new Overview(province.Value.Name, null, period, Periods, unit, [], [], [], [], [], [], []);
        }

        var all = store.Snapshots.Query(day, period, null);
        var rows = unit is null
            ? all.Where(r => r.Scope is "PROVINCE" or "LEVEL").ToList()
            : all.Where(r => r.Scope == "UNIT" && r.ScopeId == unit.UnitId).ToList();
        var (scope, scopeId) = unit is null ? (ScopeKind.Province, "") : (ScopeKind.Unit, unit.UnitId);
        if (unit is null)
        {
            scopeId = rows.FirstOrDefault(r => r.Scope == "PROVINCE")?.ScopeId ?? "";
        }

        var start = period.Start(day);
        var trendFrom = period == PeriodKind.Day ? day.AddDays(-(DayTrendDays - 1)) : start;
        var trends = IndicatorCatalog.All.Select(indicator => new IndicatorTrend(
            indicator,
            TrendSeries.Read(store, period, scope, scopeId, indicator.Code, trendFrom, day),
            PreviousMonthEnds(day).Select(end => (end, store.Snapshots.Series(PeriodKind.Mtd, scope, scopeId, indicator.Code, end, end)
                .Select(p => p.Ratio).FirstOrDefault())).ToList())).ToList();

        var unitRows = all.Where(r => r.Scope == "UNIT" && (unit is null || r.ScopeId == unit.UnitId)).ToList();
        var openAlerts = OpenAlerts.Query(store, day, period, unit is null ? null : ScopeKind.Unit)
            .Where(a => unit is null || a.ScopeId == unit.UnitId).ToList();
        Func<Unit, bool> inScope = unit is null ? _ => true : u => u.UnitId == unit.UnitId;
        return new Overview(
            province.Value.Name, day, period, Periods, unit, rows, trends, unit is null ? Worst(unitRows) : [], openAlerts,
            Missing(store, payment: false, start, day, units, inScope), Missing(store, payment: true, start, day, units, inScope),
            Scorecard(store, day, period, unit));
    }

    /// <summary>The scorecard's scopes for the page: every scope for the province's page, the unit's own for a unit's; none for DAY.</summary>
    private static IReadOnlyList<ScopeScore> Scorecard(StoreSession store, DateOnly day, PeriodKind period, Unit? unit)
    {
        if (period == PeriodKind.Day)
        {
            return [];
        }

        var scopes = ScorecardScopes.Of(ScorecardReadings.Query(store, day, period, unit is null ? null : ScopeKind.Unit));
        return unit is null ? scopes : [.. scopes.Where(s => s.ScopeId == unit.UnitId)];
    }

    /// <summary>The last day of each of the previous months, oldest first.</summary>
    private static IEnumerable<DateOnly> PreviousMonthEnds(DateOnly day)
    {
        var firstOfMonth = new DateOnly(day.Year, day.Month, 1);
        for (var back = PreviousMonths; back >= 1; back--)
        {
            yield return firstOfMonth.AddMonths(-back + 1).AddDays(-1);
        }
    }

    private List<WorstUnit> Worst(IReadOnlyList<ReportRow> unitRows) =>
    [
        .. IndicatorCatalog.All.SelectMany(indicator => UnitRanking.FurthestBelowTarget(unitRows, indicator, alerts.Value.MinDenominator)
            .Take(WorstPerIndicator)
            .Select(r => new WorstUnit(indicator, r, RatioMath.Shortfall(r.Numerator, r.Denominator, r.Target!.Value)))),
    ];

    private static List<MissingProcedure> Missing(
        StoreSession store, bool payment, DateOnly from, DateOnly to, IReadOnlyDictionary<string, Unit> units, Func<Unit, bool> inScope) =>
    [
        .. OnlineGaps.Missing(store, payment, from, to, units, inScope)
            .OrderBy(p => p.UnitId, StringComparer.Ordinal).ThenBy(p => p.ProcedureCode, StringComparer.Ordinal)
            .Select(p => new MissingProcedure(p.UnitId, units[p.UnitId].Name, p.ProcedureCode,
                string.IsNullOrEmpty(p.ProcedureName) ? p.ProcedureCode : p.ProcedureName)),
    ];
}
