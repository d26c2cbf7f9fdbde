using System.Runtime.InteropServices;
using KpiIngest.Core.Facts;
using KpiIngest.Core.Periods;
using KpiIngest.Core.Source;

namespace KpiIngest.Core.Snapshots;

/// <summary>
/// Per-pair sums for every configured period kind, kept while walking days in order: a period's sums are
/// cleared on the day it starts. Walking a year once yields every day's DAY, MTD, QTD and YTD sums, so a
/// backfill of 365 dates costs one pass over the daily-pair rows rather than 365 rescans.
/// </summary>
public sealed class RunningPeriodSums
{
    private readonly Dictionary<PeriodKind, Dictionary<PairKey, DayCounts>> _sums;
    private readonly Dictionary<PeriodKind, DateOnly> _periodStarts = [];

    public RunningPeriodSums(IEnumerable<PeriodKind> kinds)
    {
        _sums = kinds.Distinct().ToDictionary(k => k, _ => new Dictionary<PairKey, DayCounts>());
    }

    /// <summary>The day whose rows are being added; days must be entered in increasing order.</summary>
    public DateOnly? CurrentDay { get; private set; }

    public IReadOnlyDictionary<PairKey, DayCounts> Sums(PeriodKind kind) => _sums[kind];

    /// <summary>Moves to <paramref name="day"/>, clearing the sums of every period that starts anew.</summary>
    public void BeginDay(DateOnly day)
    {
        if (CurrentDay is { } current && day <= current)
        {
            throw new InvalidOperationException($"Days must increase: {day} after {current}.");
        }

        CurrentDay = day;
        foreach (var (kind, sums) in _sums)
        {
            var start = kind.Start(day);
            if (!_periodStarts.TryGetValue(kind, out var previous) || previous != start)
            {
                sums.Clear();
                _periodStarts[kind] = start;
            }
        }
    }

    /// <summary>
    /// Starts the walk at <paramref name="day"/> with each period's sums as they stand at its end, summed elsewhere
    /// (by the store's engine): the state a walk from 1 January would have reached, without reading every day.
    /// </summary>
    /// <param name="day">The day the sums end on; the walk goes on from the next one.</param>
    /// <param name="sumsOf">The per-pair sums of [start, day] for a period kind's start.</param>
    public void StartAt(DateOnly day, Func<DateOnly, IReadOnlyDictionary<PairKey, DayCounts>> sumsOf)
    {
        if (CurrentDay is not null)
        {
            throw new InvalidOperationException("StartAt must come before any day.");
        }

        CurrentDay = day;
        foreach (var (kind, sums) in _sums)
        {
            var start = kind.Start(day);
            _periodStarts[kind] = start;
            foreach (var (pair, counts) in sumsOf(start))
            {
                sums[pair] = counts;
            }
        }
    }

    /// <summary>Adds one pair's counts of the current day to every period.</summary>
    public void Add(PairKey pair, in DayCounts counts)
    {
        if (CurrentDay is null)
        {
            throw new InvalidOperationException("BeginDay must be called before Add.");
        }

        foreach (var sums in _sums.Values)
        {
            ref var total = ref CollectionsMarshal.GetValueRefOrAddDefault(sums, pair, out _);
            total.Add(counts);
        }
    }
}
