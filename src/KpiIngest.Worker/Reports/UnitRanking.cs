using KpiIngest.Core.Indicators;
using KpiIngest.Data.Store;

namespace KpiIngest.Worker.Reports;

/// <summary>
/// Which units stand furthest below a target, one rule for `report`'s worst-units table and the overview: unit rows of
/// the indicator that have a target and a ratio, missed it, and count at least Alerts:MinDenominator dossiers (fewer
/// would rank a unit by one dossier), largest gap first, then by unit id.
/// </summary>
public static class UnitRanking
{
    public static IEnumerable<ReportRow> FurthestBelowTarget(IEnumerable<ReportRow> unitRows, IndicatorDefinition indicator, long minDenominator)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        return unitRows
            .Where(r => r.Indicator == indicator.Text && r.Target is not null && r.Ratio is not null
                && r.Denominator >= minDenominator && r.Met == false)
            .OrderBy(r => r.Ratio - r.Target).ThenBy(r => r.ScopeId, StringComparer.Ordinal);
    }
}
