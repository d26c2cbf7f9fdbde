using System.Data.Common;
using KpiIngest.Core.Facts;
using KpiIngest.Core.Source;
using KpiIngest.Data.Store;

namespace KpiIngest.Worker.Pipeline;

/// <summary>
/// Writes checked dossier pages to the store: facts upserted or removed, quarantine in and out, and at commit the
/// daily-pair deltas, the restatement mark and the watermark, all in one store transaction, so a crash before commit
/// loses nothing and a crash after it redoes nothing. Consecutive pages of one read share a transaction until it
/// holds <see cref="TransactionRows"/> rows: a first ingest then commits, and rewrites the daily-pair pages it
/// touches, a few dozen times instead of once per page; a first ingest writes no daily pair at all until its end
/// (<see cref="BulkLoad"/>). Dispose rolls back a transaction left open by a failure.
/// </summary>
internal sealed class IngestTransaction(StoreSession store, FactDiff diff, Watermark watermark, RunCounts counts, DateTimeOffset now)
    : IDisposable
{
    // The net change of the open transaction's pages; one for the whole run (cleared after each commit), so its
    // table is not grown again transaction after transaction.
    private readonly DailyPairDelta _delta = new();

    // A bulk load's pages change no daily pair one by one (the store rebuilds them at its end): only where the
    // restatement starts is followed.
    private readonly DailyPairDelta _bulkDelta = new(earliestDayOnly: true);

    private readonly ScanRepeats _repeats = new();

    private StoreTransaction? _transaction;
    private int _rowsInTransaction;
    private DateTime? _newestInTransaction;
    private DateTime? _newestInScan;
    private bool? _bulkLoading;

    /// <summary>Rows read after which the open transaction commits (Source:TransactionRows); a page is never split.</summary>
    public int TransactionRows { get; init; } = 1;

    /// <summary>
    /// A first ingest (the store held no fact at the start of the run), or one a failure interrupted: most rows have
    /// nothing to diff against, so facts are inserted where absent, and instead of a daily-pair delta per (day, pair) per
    /// transaction the engine rebuilds kpi_daily_pair from the facts once, in <see cref="FinishBulkLoad"/>. Until then
    /// the store's state says the rebuild is pending, in the same transactions as the facts, so a run that fails midway
    /// leaves a store whose next run finishes the load (<see cref="StateStore.DailyPairsRebuildPending"/>).
    /// </summary>
    public bool BulkLoad { get; init; }

    /// <summary>
    /// A bulk load of a store's very first read, taken in one scan of the source in its own order
    /// (<see cref="Data.Source.ISourceReader.ReadAllDossiers"/>), not in updated_at order: the watermark cannot follow the
    /// pages, so it moves once, to the newest updated_at of the whole scan, in the transaction of the rebuild. A failure
    /// before then leaves the rebuild pending and the watermark unset: the next run reads again from the start, by
    /// keyset, inserting what is absent. The dossiers the scan meets twice are collected (<see cref="RepeatedIds"/>).
    /// </summary>
    public bool Scan { get; init; }

    /// <summary>Dossiers a scan met in two of its pages: to be read again by key, their copies judged in one result set.</summary>
    public IReadOnlyCollection<string> RepeatedIds => _repeats.Ids;

    private bool BulkLoading => _bulkLoading ?? BulkLoad;

    private DailyPairDelta Delta => BulkLoading ? _bulkDelta : _delta;

    /// <param name="page">The result set, checked.</param>
    /// <param name="advanceWatermark">True for polls: the watermark moves to the newest valid updated_at read.</param>
    /// <param name="missingIds">Ids asked for by key that the source no longer has: their quarantine clears.</param>
    /// <param name="nextRead">
    /// The read of the next page, running meanwhile; null when none follows, and then the transaction commits. It
    /// commits only once that read has ended, and not if it failed: then committed rows always have their successor
    /// read, and a source failing mid-run fails the run before the rows in hand commit, exactly as when pages are
    /// read one at a time. A transaction still open when the next page arrives takes that page too.
    /// </param>
    public void Write(DossierPage page, bool advanceWatermark, IReadOnlyCollection<string>? missingIds = null, Task? nextRead = null)
    {
        _transaction ??= store.BeginWrite();
        WritePage(page, missingIds ?? []);
        if (advanceWatermark && page.NewestUpdate is { } newest)
        {
            if (Scan)
            {
                _newestInScan = Later(_newestInScan, newest);
            }
            else
            {
                _newestInTransaction = Later(_newestInTransaction, newest);
            }
        }

        _rowsInTransaction += page.Count;
        if (nextRead is null || _rowsInTransaction >= TransactionRows)
        {
            Commit(nextRead);
        }
    }

    /// <summary>Commits the open transaction, if any: the read it waited for ended with no rows.</summary>
    public void Complete() => Commit(nextRead: null);

    /// <summary>
    /// Ends a bulk load: kpi_daily_pair rebuilt from the facts and the pending mark cleared, in one transaction. The
    /// writes after it (quarantined rows read by key, facts of lost units) are diffed and applied as deltas again.
    /// </summary>
    public void FinishBulkLoad()
    {
        if (!BulkLoading)
        {
            return;
        }

        using (var transaction = store.BeginWrite())
        {
            store.DailyPairs.RebuildFromFacts();
            store.State.Set(StateStore.DailyPairsRebuildPending, null);
            if (_newestInScan is { } newest)
            {
                watermark.Advance(newest);
            }

            FaultInjectionTestHook.Checkpoint(FaultInjectionTestHook.Ingest, "daily pairs rebuilt before commit");
            transaction.Commit();
        }

        _bulkLoading = false;
    }

    /// <summary>
    /// After a failure: the open transaction rolled back, then the bulk load ended on what committed, if the store still
    /// answers. If it does not, the pending mark stays and the next run ends the load; the first failure is the run's.
    /// A scan's load is left pending: its watermark has not moved, so the next run reads every dossier again, and
    /// does it faster as a bulk load (inserting what is absent) than as a poll diffing each one.
    /// </summary>
    public void FinishBulkLoadAfterFailure()
    {
        Reset();
        if (Scan)
        {
            return;
        }

        try
        {
            FinishBulkLoad();
        }
        catch (Exception storeFailure) when (storeFailure is DbException or InvalidOperationException)
        {
            // Left to the next run, which finds the rebuild pending.
        }
    }

    /// <summary>Rolls back a transaction a failure left open: none of its rows count, and the next run reads them again.</summary>
    public void Dispose() => Reset();

    private void WritePage(DossierPage page, IReadOnlyCollection<string> missingIds)
    {
        // First ingest: insert what is absent in one pass; only a dossier met again in this run (it changed while
        // the run read) is diffed against its stored fact like in any later poll.
        var compared = BulkLoading ? store.Facts.InsertAbsent(page.Facts) : page.Facts;
        var before = store.Facts.Load(FactDiff.IdsToLoad(compared, page.Validated.Quarantined, missingIds));
        if (Scan && BulkLoading)
        {
            _repeats.Note(page, compared, before);
        }

        var changes = diff.Decide(page, compared, BulkLoading, before, missingIds, Delta);

        counts.DossiersUpserted += changes.Upserted;
        counts.DossiersDeleted += changes.Deleted;
        counts.DossiersUncatalogued += changes.Uncatalogued;
        store.Facts.Upsert(changes.Upserts);
        store.Facts.Delete(changes.Deletions);
        store.Quarantine.Upsert(changes.Quarantined, now);
        store.Quarantine.Clear(SourceContract.Dossiers, changes.QuarantineClears, now);
    }

    /// <summary>Writes what the transaction's pages add up to (daily-pair deltas, restatement mark, watermark), then commits.</summary>
    private void Commit(Task? nextRead)
    {
        if (_transaction is not { } transaction)
        {
            return;
        }

        if (BulkLoading)
        {
            store.State.Set(StateStore.DailyPairsRebuildPending, "1");
        }
        else
        {
            store.DailyPairs.Apply(_delta);
        }

        // Late dossiers are few and grouped: their table follows every page, in a bulk load too.
        store.DailyOverdue.Apply(Delta);

        if (Delta.EarliestDay is { } earliest)
        {
            store.State.MarkRestateFrom(earliest);
        }

        if (_newestInTransaction is { } newest)
        {
            watermark.Advance(newest);
        }

        nextRead?.GetAwaiter().GetResult();
        FaultInjectionTestHook.Checkpoint(FaultInjectionTestHook.Ingest, "transaction before commit");
        transaction.Commit();
        Reset();
        FaultInjectionTestHook.Checkpoint(FaultInjectionTestHook.Ingest, "transaction committed");
    }

    private static DateTime Later(DateTime? current, DateTime candidate) =>
        current is { } known && known >= candidate ? known : candidate;

    private void Reset()
    {
        _transaction?.Dispose();
        _transaction = null;
        _rowsInTransaction = 0;
        _newestInTransaction = null;
        _delta.Clear();
        _bulkDelta.Clear();
    }
}
