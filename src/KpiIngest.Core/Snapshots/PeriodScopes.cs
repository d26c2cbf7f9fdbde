using KpiIngest.Core.Facts;
using KpiIngest.Core.Source;

namespace KpiIngest.Core.Snapshots;

/// <summary>Counts of one scope that add up from pairs and from other scopes (ratios of sums, never of ratios).</summary>
internal interface IScopeTotals<in TSelf>
{
    /// <summary>Adds a pair's summed dossier counts; <paramref name="catalogPair"/> is null for an uncatalogued pair.</summary>
    void AddDossiers(in DayCounts counts, CatalogPair? catalogPair);

    /// <summary>Adds one catalog pair of a unit active in the period, with that pair's own sums of the period.</summary>
    void AddCatalogPair(CatalogPair pair, in DayCounts periodSums);

    /// <summary>Adds another scope's totals (a unit's to its level and to the province).</summary>
    void Add(TSelf other);
}

/// <summary>A period's totals per scope: the province, each level with a unit, each unit with rows (indicators.md, "Scopes").</summary>
internal sealed record ScopeSums<T>(T Province, SortedDictionary<int, T> Levels, SortedDictionary<string, T> Units);

/// <summary>
/// Which scopes a period has and what each one sums (indicators.md, "Scopes"), the one rule both the snapshot and the
/// scorecard composers follow, so kpi_scorecard has exactly kpi_snapshot's scopes: a unit has a scope when it is active
/// on some day of the period or has a counted dossier in it; a level when one of its units has; the province always.
/// A unit sums its own pairs' dossiers and, when active, its catalog pairs; a level and the province sum their units
/// (the province is every unit, never the level rows). Pure.
/// </summary>
internal sealed class PeriodScopes
{
    private readonly IReadOnlyList<Unit> _units;
    private readonly Dictionary<string, Unit> _unitsById;
    private readonly Dictionary<PairKey, CatalogPair> _catalog;

    public PeriodScopes(IEnumerable<Unit> units, IEnumerable<CatalogPair> catalog)
    {
        _units = [.. units];
        _unitsById = _units.ToDictionary(u => u.UnitId, StringComparer.Ordinal);
        _catalog = catalog.ToDictionary(p => p.Key);
    }

    /// <summary>Counted dossiers whose unit is no longer a valid unit: kept out of every scope.</summary>
    public long OrphanedPairs { get; private set; }

    public int LevelOf(string unitId) => _unitsById[unitId].Level;

    /// <summary>
    /// The totals of every scope of [<paramref name="periodStart"/>, <paramref name="asOf"/>].
    /// <paramref name="addUnitInputs"/> adds what a unit has beyond its pairs (the scorecard's overdue counts) before
    /// the units are summed into levels and the province.
    /// </summary>
    public ScopeSums<T> Sum<T>(
        DateOnly periodStart, DateOnly asOf, IReadOnlyDictionary<PairKey, DayCounts> periodSums, Action<string, T>? addUnitInputs = null)
        where T : IScopeTotals<T>, new()
    {
        var units = new SortedDictionary<string, T>(StringComparer.Ordinal);
        foreach (var unit in _units.Where(u => u.IsActiveDuring(periodStart, asOf)))
        {
            units[unit.UnitId] = new T();
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
                units[pair.UnitId] = totals = new T();
            }

            totals.AddDossiers(sums, _catalog.GetValueOrDefault(pair));
        }

        foreach (var pair in _catalog.Values)
        {
            if (_unitsById.TryGetValue(pair.UnitId, out var unit) && unit.IsActiveDuring(periodStart, asOf))
            {
                units[pair.UnitId].AddCatalogPair(pair, periodSums.GetValueOrDefault(pair.Key));
            }
        }

        // Every counted dossier of a known unit and every active unit's pair is in exactly one unit, so the province is
        // the sum of the units: the same counts as summing the dossiers and pairs directly.
        var province = new T();
        var levels = new SortedDictionary<int, T>();
        foreach (var (unitId, totals) in units)
        {
            addUnitInputs?.Invoke(unitId, totals);
            var level = LevelOf(unitId);
            if (!levels.TryGetValue(level, out var levelTotals))
            {
                levels[level] = levelTotals = new T();
            }

            levelTotals.Add(totals);
            province.Add(totals);
        }

        return new ScopeSums<T>(province, levels, units);
    }
}
