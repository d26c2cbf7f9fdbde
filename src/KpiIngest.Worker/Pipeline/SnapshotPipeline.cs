using KpiIngest.Core.Periods;
using KpiIngest.Core.Scorecard;
using KpiIngest.Core.Snapshots;
using KpiIngest.Core.Targets;
using KpiIngest.Data;
using KpiIngest.Data.Store;
using KpiIngest.Worker.Configuration;
using KpiIngest.Worker.Display;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KpiIngest.Worker.Pipeline;

/// <summary>
/// Computes and writes snapshots for a set of dates in one walk over the daily-pair rows: from 1 January of
/// the earliest date, each day's rows are added to the running period sums and every requested date is
/// composed as the walk passes it. Also restates the existing snapshots that changed data made stale.
/// </summary>
public sealed class SnapshotPipeline(
    IOptions<SnapshotsOptions> options,
    ReportingPeriods periods,
    TargetBook targets,
    IOptions<ScorecardOptions> scorecardOptions,
    EnteredPoints entered,
    SourceClock clock,
    ILogger<SnapshotPipeline> logger,
    IRunProgress? progress = null)
{
    /// <summary>The first day whose snapshots may still be restated: the first of the month RestateMonths back.</summary>
    public DateOnly RestateHorizonStart =>
        new DateOnly(clock.Today.Year, clock.Today.Month, 1).AddMonths(-options.Value.RestateMonths);

    /// <summary>Writes snapshots of <paramref name="requested"/> plus the restatements pending; returns rows written.</summary>
    public long Run(StoreSession store, IEnumerable<DateOnly> requested, RunCounts counts, CancellationToken cancellation)
    {
        var restateMark = store.State.Get(StateStore.RestateFrom);
        var dates = new SortedSet<DateOnly>(requested);
        var restated = Restatements(store, StoreFormat.ParseNullableDay(restateMark));
        dates.UnionWith(restated);
        if (dates.Count == 0)
        {
            if (restateMark is not null)
            {
                // Every day it marked is older than the horizon: those snapshots stay as published.
                using var transaction = store.BeginWrite();
                store.State.Set(StateStore.RestateFrom, null);
                transaction.Commit();
            }

            return 0;
        }

        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var units = store.Dimensions.LoadUnits();
        var catalog = store.Dimensions.LoadCatalog();
        var composer = new SnapshotComposer(units, catalog, targets);
        // The overdue counts are read whole here, before any date's write transaction (see the reader note below).
        var scorecardSource = scorecardOptions.Value.Enabled
            ? ScorecardSourceInputs.Load(store, dates, [.. periods.Snapshots.Where(kind => kind != PeriodKind.Day)])
            : null;
        var scorecard = scorecardSource is null
            ? null
            : new Scorecard(new ScorecardComposer(units, catalog, scorecardSource.OptionalColumns, entered), scorecardSource);
        var sums = new RunningPeriodSums(periods.Snapshots);
        var last = dates.Max;
        DateOnly? walked = null;
        long written = 0;
        var composed = 0;
        using var phase = (progress ?? NoRunProgress.Instance).Begin("Snapshot", "ngày", dates.Count);
        foreach (var date in dates)
        {
            // The rows up to each date are read by a reader closed before that date's write transaction begins. A
            // reader left open across it would pin this connection's read snapshot, and a commit by any other
            // connection in between (the run lease's renewal, every third of Service:Lease:Expiry) would then make
            // BEGIN IMMEDIATE fail with SQLITE_BUSY_SNAPSHOT, which no wait resolves: 'database is locked' after the
            // command timeout, whenever the snapshot phase outlasts a renewal period.
            if (walked is { } from)
            {
                Walk(store.DailyPairs.Read(from, date), sums, from, date);
            }
            else
            {
                // The first date's periods are summed by the engine, one row per pair, rather than walked from 1
                // January: most of a year's rows never leave the store. Later dates walk on from it.
                sums.StartAt(date, PeriodSums(store, date));
            }

            walked = date.AddDays(1);
            cancellation.ThrowIfCancellationRequested();
            written += Write(store, composer, scorecard, sums, date, clearRestateMark: date == last ? restateMark : null);
            phase.Report(++composed);
        }

        phase.Complete($"{VietnameseFormat.Count(dates.Count)} ngày, {VietnameseFormat.Count(written)} dòng");

        if (composer.OrphanedPairs > 0)
        {
            logger.LogWarning("{Count} pair-periods belong to units missing from kpi_unit and were left out", composer.OrphanedPairs);
        }

        if (restated.Count > 0)
        {
            logger.LogInformation("Restated {Count} snapshot dates from {From} after source changes", restated.Count, StoreFormat.Day(restated[0]));
        }

        counts.SnapshotsWritten += written;
        logger.LogInformation("Snapshots of {Dates} dates ({Rows} rows) written in {Seconds:F1} s", dates.Count, written, stopwatch.Elapsed.TotalSeconds);
        return written;
    }

    /// <summary>The engine's per-pair sums of [start, <paramref name="asOf"/>], once per distinct period start.</summary>
    private static Func<DateOnly, IReadOnlyDictionary<Core.Source.PairKey, Core.Facts.DayCounts>> PeriodSums(StoreSession store, DateOnly asOf)
    {
        var byStart = new Dictionary<DateOnly, IReadOnlyDictionary<Core.Source.PairKey, Core.Facts.DayCounts>>();
        return start => byStart.TryGetValue(start, out var sums) ? sums : byStart[start] = store.DailyPairs.Sum(start, asOf);
    }

    /// <summary>Adds the daily-pair rows of [<paramref name="from"/>, <paramref name="to"/>] (in day order) to the sums, day by day.</summary>
    private static void Walk(
        IEnumerable<(DateOnly Day, Core.Source.PairKey Pair, Core.Facts.DayCounts Counts)> rows, RunningPeriodSums sums, DateOnly from, DateOnly to)
    {
        using var row = rows.GetEnumerator();
        var hasRow = row.MoveNext();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            sums.BeginDay(day);
            while (hasRow && row.Current.Day < day)
            {
                hasRow = row.MoveNext();
            }

            while (hasRow && row.Current.Day == day)
            {
                sums.Add(row.Current.Pair, row.Current.Counts);
                hasRow = row.MoveNext();
            }
        }
    }

    /// <summary>The existing snapshot dates, within the horizon, at or after the earliest day whose counts changed.</summary>
    private IReadOnlyList<DateOnly> Restatements(StoreSession store, DateOnly? changedFrom)
    {
        if (changedFrom is null)
        {
            return [];
        }

        var from = changedFrom.Value < RestateHorizonStart ? RestateHorizonStart : changedFrom.Value;
        return store.Snapshots.ExistingDates(from, DateOnly.MaxValue);
    }

    private int Write(
        StoreSession store, SnapshotComposer composer, Scorecard? scorecard, RunningPeriodSums sums, DateOnly day, string? clearRestateMark)
    {
        var isFinal = clock.HasEnded(day);
        var rows = new List<SnapshotRow>();
        var scorecardRows = new List<ScorecardRow>();
        foreach (var period in periods.Snapshots)
        {
            rows.AddRange(composer.Compose(day, period, sums.Sums(period), isFinal));

            // The portal publishes no daily score: no DAY rows (scorecard.md, "Where it goes").
            if (scorecard is not null && period != PeriodKind.Day)
            {
                scorecardRows.AddRange(scorecard.Composer.Compose(day, period, sums.Sums(period), scorecard.Source.Overdue(day, period), isFinal));
            }
        }

        using var transaction = store.BeginWrite();
        var now = clock.UtcNow;
        var written = store.Snapshots.Replace(day, rows, now);

        // With the snapshot rows, in their transaction: a date's scorecard is never older or newer than its snapshots.
        // Disabled, the date's earlier scorecard rows go too, so none is left beside snapshots it was not computed from.
        store.Scorecards.Replace(day, scorecardRows, now);

        // The alerts of this date's periods must be folded again; the mark survives a crash before that happens.
        store.State.MarkEarliest(StateStore.AlertsFrom, day);

        // The mark is cleared with the last date it asked for, and only if no batch lowered it meanwhile.
        if (clearRestateMark is not null && store.State.Get(StateStore.RestateFrom) == clearRestateMark)
        {
            store.State.Set(StateStore.RestateFrom, null);
        }

        FaultInjectionTestHook.Checkpoint(FaultInjectionTestHook.Snapshot, $"{StoreFormat.Day(day)} before commit");
        transaction.Commit();
        FaultInjectionTestHook.Checkpoint(FaultInjectionTestHook.Snapshot, $"{StoreFormat.Day(day)} committed");
        return written;
    }

    /// <summary>The scorecard's composer and the source-side counts it takes, when Scorecard:Enabled.</summary>
    private sealed record Scorecard(ScorecardComposer Composer, ScorecardSourceInputs Source);
}
