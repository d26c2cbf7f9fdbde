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
    private readonly IReadOnlyList<Unit> _units;
    private readonly Dictionary<string, Unit> _unitsById;
    private readonly Dictionary<PairKey, CatalogPair> _catalog;
    private readonly TargetBook _targets;

    public SnapshotComposer(IEnumerable<Unit> units, IEnumerable<CatalogPair> catalog, TargetBook targets)
    {
        _units = [.. units];
        _unitsById = _units.ToDictionary(u => u.UnitId, StringComparer.Ordinal);
        _catalog = catalog.ToDictionary(p => p.Key);
        _targets = targets;
    }

    /// <summary>Counted dossiers whose unit is no longer a valid unit: kept out of every scope.</summary>
    public long OrphanedPairs { get; private set; }

    public IReadOnlyList<SnapshotRow> Compose(
        DateOnly asOf, PeriodKind period, IReadOnlyDictionary<PairKey, DayCounts> periodSums, bool isFinal)
    {
        var periodStart = period.Start(asOf);
        var province = new IndicatorTotals();
        var units = new SortedDictionary<string, IndicatorTotals>(StringComparer.Ordinal);
        foreach (var unit in _units.Where(u => u.IsActiveDuring(periodStart, asOf)))
        {
            units[unit.UnitId] = new IndicatorTotals();
        }

        foreach (var (pair, sums) in periodSums)
        {
            if (sums.Received == 0 && sums.Resolved == 0)
            {
                continue;
            }

            if (!_unitsById.ContainsKey(pair.UnitId))
            {
                OrphanedPairs++;
                continue;
            }

            // A unit with a counted dossier in the period has rows even when it is not active in it.
            if (!units.TryGetValue(pair.UnitId, out var totals))
            {
                units[pair.UnitId] = totals = new IndicatorTotals();
            }

            var catalogPair = _catalog.GetValueOrDefault(pair);
            totals.AddDossiers(sums, catalogPair);
            province.AddDossiers(sums, catalogPair);
        }

        foreach (var pair in _catalog.Values)
        {
            if (_unitsById.TryGetValue(pair.UnitId, out var unit) && unit.IsActiveDuring(periodStart, asOf))
            {
                var sums = periodSums.GetValueOrDefault(pair.Key);
                units[pair.UnitId].AddCatalogPair(pair, sums);
                province.AddCatalogPair(pair, sums);
            }
        }

        var levels = new SortedDictionary<int, IndicatorTotals>();
        foreach (var (unitId, totals) in units)
        {
            var level = _unitsById[unitId].Level;
            if (!levels.TryGetValue(level, out var levelTotals))
            {
                levels[level] = levelTotals = new IndicatorTotals();
            }

            levelTotals.Add(totals);
        }

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
            var level = _unitsById[unitId].Level;
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
