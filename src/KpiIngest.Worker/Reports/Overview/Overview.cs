using KpiIngest.Core.Indicators;
using KpiIngest.Core.Periods;
using KpiIngest.Core.Source;
using KpiIngest.Data.Store;
using KpiIngest.Worker.Email;

namespace KpiIngest.Worker.Reports.Overview;

/// <summary>
/// What the overview shows for one snapshot date and period: the province and its levels (or one unit) against the
/// targets, a trend per indicator, the units furthest below each target, the open alerts and the procedures still
/// without an online dossier or payment. Read by <see cref="OverviewReader"/>, drawn by <see cref="OverviewPage"/>.
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
    IReadOnlyList<MissingProcedure> WithoutOnlinePayment);

/// <summary>
/// One indicator's trend: the period's ratio on each snapshot date of the period up to the date shown, its target, and
/// the final month-to-date value of each previous month.
/// </summary>
public sealed record IndicatorTrend(
    IndicatorDefinition Indicator,
    decimal? Target,
    IReadOnlyList<(DateOnly Day, decimal? Ratio)> Days,
    IReadOnlyList<(DateOnly MonthEnd, decimal? Ratio)> PreviousMonths);

/// <summary>A unit below an indicator's target, with how many more dossiers (or procedures) it needs to meet it.</summary>
public sealed record WorstUnit(IndicatorDefinition Indicator, ReportRow Row, long Shortfall);
