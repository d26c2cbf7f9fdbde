using KpiIngest.Core.Scorecard;
using KpiIngest.Core.Source;

namespace KpiIngest.Core.Facts;

/// <summary>
/// The net change a batch of dossier changes makes to the daily-pair counts: each changed dossier's old
/// contribution out, its new one in. Unchanged dossiers add nothing, so re-reading a row is harmless.
/// </summary>
/// <param name="earliestDayOnly">
/// Follows only the earliest day a change touches, not the counts: for a bulk load, whose daily pairs the store rebuilds
/// from the facts, and which needs only where its restatement starts. Its <see cref="EarliestDay"/> may then be a day a
/// change left as it was (restating one day more than needed), and <see cref="Changes"/> is empty.
/// </param>
public sealed class DailyPairDelta(bool earliestDayOnly = false)
{
    private readonly Dictionary<(PairKey Pair, DateOnly Day), DayCounts> _changes = [];
    private DateOnly? _earliestTouched;

    // kpi_daily_overdue's change, beside the daily pairs': late dossiers by (unit, received day, due day).
    private readonly Dictionary<(string UnitId, DateOnly ReceivedDay, DateOnly DueDay), OverdueCounts> _overdue = [];

    public IEnumerable<(PairKey Pair, DateOnly Day, DayCounts Counts)> Changes =>
        _changes.Where(c => !c.Value.IsZero).Select(c => (c.Key.Pair, c.Key.Day, c.Value));

    /// <summary>
    /// The earliest local day whose counts changed: snapshots from it on are out of date. A day a change
    /// left as it was (a dossier resolved later keeps its received day) does not count.
    /// A late dossier's overdue count changes the snapshots from its due day on (it counts at S from its due day).
    /// </summary>
    public DateOnly? EarliestDay =>
        (earliestDayOnly
            ? [_earliestTouched]
            : _changes.Where(c => !c.Value.IsZero).Select(c => (DateOnly?)c.Key.Day))
        .Concat(OverdueChanges.Select(c => (DateOnly?)c.DueDay))
        .DefaultIfEmpty(null).Min();

    /// <summary>
    /// The net change of kpi_daily_overdue: late dossiers by unit, received day and due day. Followed in a bulk load
    /// too (only late dossiers, grouped: small), so kpi_daily_overdue needs no rebuild of its own.
    /// </summary>
    public IEnumerable<(string UnitId, DateOnly ReceivedDay, DateOnly DueDay, OverdueCounts Counts)> OverdueChanges =>
        _overdue.Where(c => c.Value != default).Select(c => (c.Key.UnitId, c.Key.ReceivedDay, c.Key.DueDay, c.Value));

    /// <summary>
    /// Forgets every change but keeps the table's size, so a writer can use one delta for every page of a run
    /// instead of growing a new table, large enough for the large object heap, per page.
    /// </summary>
    public void Clear()
    {
        _changes.Clear();
        _overdue.Clear();
        _earliestTouched = null;
    }

    /// <summary>Records a dossier going from <paramref name="before"/> to <paramref name="after"/> (null: absent).</summary>
    /// <returns>True when its contribution changed.</returns>
    public bool Record(DossierFact? before, DossierFact? after)
    {
        if (before is not null && before.SameContributionAs(after))
        {
            return false;
        }

        if (before is null && after is null)
        {
            return false;
        }

        if (before is not null)
        {
            Add(before, -1);
        }

        if (after is not null)
        {
            Add(after, +1);
        }

        return true;
    }

    private void Add(DossierFact fact, long sign)
    {
        AddOverdue(fact, sign);
        if (earliestDayOnly)
        {
            Touch(fact.ReceivedDay);
            Touch(fact.ResolvedDay);
            return;
        }

        foreach (var (day, counts) in fact.Contributions())
        {
            var key = (fact.Pair, day);
            var total = _changes.GetValueOrDefault(key);
            total.Add(counts, sign);
            _changes[key] = total;
        }
    }

    private void AddOverdue(DossierFact fact, long sign)
    {
        if (fact.OverdueContribution() is { } late)
        {
            var key = (fact.UnitId, late.ReceivedDay, late.DueDay);
            var total = _overdue.GetValueOrDefault(key);
            _overdue[key] = new OverdueCounts(total.Overdue + sign * late.Counts.Overdue,
                total.OverdueWithComplaint + sign * late.Counts.OverdueWithComplaint);
        }
    }

    private void Touch(DateOnly? day)
    {
        if (day is { } touched && (_earliestTouched is null || touched < _earliestTouched))
        {
            _earliestTouched = touched;
        }
    }
}
