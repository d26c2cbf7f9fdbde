using KpiIngest.Core.Indicators;
using KpiIngest.Core.Periods;
using KpiIngest.Core.Source;
using KpiIngest.Data.Store;
using KpiIngest.Worker.Charts;
using KpiIngest.Worker.Email;

namespace KpiIngest.Worker.Reports.Overview;

/// <summary>
/// What the overview shows for one snapshot date and period: the province and its levels (or one unit) against the
/// targets, a trend per indicator, the units furthest below each target, the open alerts and the procedures still
/// without an online dossier or payment, and the QĐ 766 scorecard estimate as the store holds it (<paramref name="Scorecard"/>:
/// the province, its levels and its units ranked by total, or the one unit; empty when the store has none or for DAY).
/// Read by <see cref="OverviewReader"/>, drawn by <see cref="OverviewPage"/>.
/// </summary>
public sealed record Overview(
    string ProvinceName,
    DateOnly? Date,
    PeriodKind Period,
    IReadOnlyList<PeriodKind> Periods,
    Unit? Unit,
    IReadOnlyList<ReportRow> Rows,
    IReadOnlyList<IndicatorTrend> Trends,
    IReadOnlyList<WorstUnit> WorstUnits,
    IReadOnlyList<OpenAlert> Alerts,
    IReadOnlyList<MissingProcedure> WithoutOnlineDossier,
    IReadOnlyList<MissingProcedure> WithoutOnlinePayment,
    IReadOnlyList<ScopeScore> Scorecard);

/// <summary>
/// One indicator's trend: the period's ratio day by day up to the date shown (from the period's start; the last 30 days
/// for DAY) with its target, and the final month-to-date value of each previous month.
/// </summary>
public sealed record IndicatorTrend(
    IndicatorDefinition Indicator,
    TrendSeries Series,
    IReadOnlyList<(DateOnly MonthEnd, decimal? Ratio)> PreviousMonths);

/// <summary>A unit below an indicator's target, with how many more dossiers (or procedures) it needs to meet it.</summary>
public sealed record WorstUnit(IndicatorDefinition Indicator, ReportRow Row, long Shortfall);
