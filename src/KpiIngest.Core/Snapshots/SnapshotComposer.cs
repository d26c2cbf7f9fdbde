using KpiIngest.Core.Facts;
using KpiIngest.Core.Indicators;
using KpiIngest.Core.Periods;
using KpiIngest.Core.Source;
using KpiIngest.Core.Targets;

namespace KpiIngest.Core.Snapshots;

/// <summary>
/// Turns a period's per-pair sums into snapshot rows for the province, each level and each unit
/// (indicators.md): which scopes exist, N and D of the nine indicators, ratio, target and met. Pure: no I/O,
/// no clock.
/// </summary>
public sealed class SnapshotComposer
{
    private readonly PeriodScopes _scopes;
    private readonly TargetBook _targets;

    public SnapshotComposer(IEnumerable<Unit> units, IEnumerable<CatalogPair> catalog, TargetBook targets)
    {
        _scopes = new PeriodScopes(units, catalog);
        _targets = targets;
    }

    /// <summary>Counted dossiers whose unit is no longer a valid unit: kept out of every scope.</summary>
    public long OrphanedPairs => _scopes.OrphanedPairs;

    public IReadOnlyList<SnapshotRow> Compose(
        DateOnly asOf, PeriodKind period, IReadOnlyDictionary<PairKey, DayCounts> periodSums, bool isFinal)
    {
        var periodStart = period.Start(asOf);
        var (province, levels, units) = _scopes.Sum<IndicatorTotals>(periodStart, asOf, periodSums);
        var targetSet = _targets.InForce(asOf);
        var rows = new List<SnapshotRow>((1 + levels.Count + units.Count) * Indicators.IndicatorCatalog.All.Count);
        var scope = new RowFactory(asOf, period, periodStart, isFinal, rows);
        scope.Emit(ScopeKind.Province, "", null, province, code => targetSet?.ForProvince(code));
        foreach (var (level, totals) in levels)
        {
            scope.Emit(ScopeKind.Level, level.ToString(System.Globalization.CultureInfo.InvariantCulture), level, totals,
                code => targetSet?.ForLevel(code, level));
        }

        foreach (var (unitId, totals) in units)
        {
            var level = _scopes.LevelOf(unitId);
            scope.Emit(ScopeKind.Unit, unitId, level, totals, code => targetSet?.ForUnit(code, unitId, level));
        }

        return rows;
    }

    private sealed class RowFactory(DateOnly asOf, PeriodKind period, DateOnly periodStart, bool isFinal, List<SnapshotRow> rows)
    {
        public void Emit(ScopeKind scope, string scopeId, int? level, IndicatorTotals totals, Func<IndicatorCode, decimal?> target)
        {
            foreach (var indicator in Indicators.IndicatorCatalog.All)
            {
                var n = totals.Numerator(indicator.Code);
                var d = totals.Denominator(indicator.Code);
                var t = target(indicator.Code);
                rows.Add(new SnapshotRow(asOf, period, periodStart, scope, scopeId, level, indicator.Code, n, d,
                    RatioMath.Ratio(n, d), t, RatioMath.Met(n, d, t), isFinal));
            }
        }
    }
}
