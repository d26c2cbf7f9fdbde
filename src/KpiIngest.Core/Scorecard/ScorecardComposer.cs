using System.Globalization;
using KpiIngest.Core.Facts;
using KpiIngest.Core.Periods;
using KpiIngest.Core.Snapshots;
using KpiIngest.Core.Source;

namespace KpiIngest.Core.Scorecard;

/// <summary>
/// Turns a period's per-pair sums and per-unit overdue counts into kpi_scorecard rows (scorecard.md) for exactly the
/// scopes <see cref="SnapshotComposer"/> emits for the same inputs: per scope the 21 items, the six groups and the
/// total. Every scope's points come from its own summed N and D (a level or the province sums its units' counts and
/// pairs, never their points). Pure: no I/O, no clock.
/// </summary>
public sealed class ScorecardComposer
{
    private readonly PeriodScopes _scopes;
    private readonly ScorecardRules _rules;

    /// <param name="units">The units as last read.</param>
    /// <param name="catalog">The catalog pairs as last read.</param>
    /// <param name="present">The optional source columns the source has.</param>
    /// <param name="entered">Scorecard:Entered.</param>
    public ScorecardComposer(IEnumerable<Unit> units, IEnumerable<CatalogPair> catalog, OptionalColumns present, EnteredPoints entered)
    {
        _scopes = new PeriodScopes(units, catalog);
        _rules = new ScorecardRules(present, entered);
    }

    /// <summary>Rows of every scope for the period of <paramref name="period"/> ending on <paramref name="asOf"/>; none for DAY.</summary>
    /// <param name="asOf">S, the snapshot date.</param>
    /// <param name="period">MTD, QTD or YTD.</param>
    /// <param name="periodSums">The period's sums per pair (as for <see cref="SnapshotComposer"/>).</param>
    /// <param name="overdueByUnit">Per unit id, its dossiers of R overdue at <paramref name="asOf"/>; a unit missing has none.</param>
    /// <param name="isFinal">As kpi_snapshot.is_final.</param>
    public IReadOnlyList<ScorecardRow> Compose(
        DateOnly asOf,
        PeriodKind period,
        IReadOnlyDictionary<PairKey, DayCounts> periodSums,
        IReadOnlyDictionary<string, OverdueCounts> overdueByUnit,
        bool isFinal)
    {
        ArgumentNullException.ThrowIfNull(overdueByUnit);

        // The portal publishes no daily score, and kpi_scorecard has no DAY rows (scorecard.md, "Where it goes").
        if (period == PeriodKind.Day)
        {
            return [];
        }

        var periodStart = period.Start(asOf);
        var (province, levels, units) = _scopes.Sum<ScorecardTotals>(periodStart, asOf, periodSums,
            (unitId, totals) => totals.AddOverdue(overdueByUnit.GetValueOrDefault(unitId)));
        var rows = new List<ScorecardRow>((1 + levels.Count + units.Count) * RowsPerScope);
        void Emit(ScopeKind scope, string scopeId, int? level, ScorecardTotals totals) =>
            AddScope(rows, new ScorecardRow(asOf, period, periodStart, scope, scopeId, level, "", "", null, null, null, null, 0, 0, null, isFinal),
                _rules.Score(totals));

        Emit(ScopeKind.Province, "", null, province);
        foreach (var (level, totals) in levels)
        {
            Emit(ScopeKind.Level, level.ToString(CultureInfo.InvariantCulture), level, totals);
        }

        foreach (var (unitId, totals) in units)
        {
            Emit(ScopeKind.Unit, unitId, _scopes.LevelOf(unitId), totals);
        }

        return rows;
    }

    /// <summary>Rows per scope: the 21 items, the six groups and the total.</summary>
    public static int RowsPerScope { get; } = ScorecardItems.All.Count + ScorecardItems.Groups.Count + 1;

    /// <summary>
    /// The items' rows, then each group's (the sum of its items' rounded points over those not null; null when all
    /// are), then the total's (the sum of the groups'). known_max: an item's max when its points are known, else 0;
    /// a group's and the total's the sum over their items.
    /// </summary>
    private static void AddScope(List<ScorecardRow> rows, ScorecardRow scope, IReadOnlyList<ItemScore> items)
    {
        foreach (var s in items)
        {
            rows.Add(scope with
            {
                Item = s.Item.Code, GroupCode = s.Item.GroupCode, Numerator = s.Numerator, Denominator = s.Denominator,
                Ratio = s.Ratio, Points = s.Points, MaxPoints = s.Item.MaxPoints, KnownMaxPoints = KnownMax(s), Basis = s.Basis,
            });
        }

        var groups = ScorecardItems.Groups
            .Select(g => (Group: g, Items: items.Where(s => s.Item.GroupCode == g.Code).ToList()))
            .Select(g => (g.Group, Points: SumOfKnown(g.Items.Select(s => s.Points)), KnownMax: g.Items.Sum(KnownMax)))
            .ToList();
        foreach (var (group, points, knownMax) in groups)
        {
            rows.Add(scope with { Item = group.Code, GroupCode = group.Code, Points = points, MaxPoints = group.MaxPoints, KnownMaxPoints = knownMax });
        }

        rows.Add(scope with
        {
            Item = ScorecardRuleSet.Total, GroupCode = ScorecardRuleSet.Total, Points = SumOfKnown(groups.Select(g => g.Points)),
            MaxPoints = ScorecardRuleSet.MaxPoints, KnownMaxPoints = groups.Sum(g => g.KnownMax),
        });
    }

    private static int KnownMax(ItemScore score) => score.Points is null ? 0 : score.Item.MaxPoints;

    private static decimal? SumOfKnown(IEnumerable<decimal?> points)
    {
        var known = points.Where(p => p is not null).ToList();
        return known.Count == 0 ? null : known.Sum();
    }
}
