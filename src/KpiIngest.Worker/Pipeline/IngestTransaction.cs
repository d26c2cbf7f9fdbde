using KpiIngest.Core.Facts;
using KpiIngest.Core.Source;
using KpiIngest.Data.Store;

namespace KpiIngest.Worker.Pipeline;

/// <summary>
/// Writes checked dossier pages to the store: facts upserted or removed, quarantine in and out, and at commit the
/// daily-pair deltas, the restatement mark and the watermark, all in one store transaction, so a crash before commit
/// loses nothing and a crash after it redoes nothing. Consecutive pages of one read share a transaction until it
/// holds <see cref="TransactionRows"/> rows: a first ingest then commits, and rewrites the daily-pair pages it
/// touches, a few dozen times instead of once per page. Dispose rolls back a transaction left open by a failure.
/// </summary>
internal sealed class IngestTransaction(StoreSession store, FactDiff diff, Watermark watermark, RunCounts counts, DateTimeOffset now)
    : IDisposable
{
    // The net change of the open transaction's pages; one for the whole run (cleared after each commit), so its
    // table is not grown again transaction after transaction.
    private readonly DailyPairDelta _delta = new();

    private StoreTransaction? _transaction;
    private int _rowsInTransaction;
    private DateTime? _newestInTransaction;

    /// <summary>Rows read after which the open transaction commits (Source:TransactionRows); a page is never split.</summary>
    public int TransactionRows { get; init; } = 1;

    /// <summary>When the store held no fact at the start of the run (first ingest), most rows have nothing to diff against.</summary>
    public bool StoreWasEmpty { get; init; }

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
        if (advanceWatermark && page.NewestUpdate is { } newest && (_newestInTransaction is null || newest > _newestInTransaction))
        {
            _newestInTransaction = newest;
        }

        _rowsInTransaction += page.Count;
        if (nextRead is null || _rowsInTransaction >= TransactionRows)
        {
            Commit(nextRead);
        }
    }

    /// <summary>Commits the open transaction, if any: the read it waited for ended with no rows.</summary>
    public void Complete() => Commit(nextRead: null);

    /// <summary>Rolls back a transaction a failure left open: none of its rows count, and the next run reads them again.</summary>
    public void Dispose() => Reset();

    private void WritePage(DossierPage page, IReadOnlyCollection<string> missingIds)
    {
        // First ingest: insert what is absent in one pass; only a dossier met again in this run (it changed while
        // the run read) is diffed against its stored fact like in any later poll.
        var compared = StoreWasEmpty ? store.Facts.InsertAbsent(page.Facts) : page.Facts;
        var before = store.Facts.Load(FactDiff.IdsToLoad(compared, page.Validated.Quarantined, missingIds));
        var changes = diff.Decide(page, compared, StoreWasEmpty, before, missingIds, _delta);

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

        store.DailyPairs.Apply(_delta);
        store.DailyOverdue.Apply(_delta);
        if (_delta.EarliestDay is { } earliest)
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

    private void Reset()
    {
        _transaction?.Dispose();
        _transaction = null;
        _rowsInTransaction = 0;
        _newestInTransaction = null;
        _delta.Clear();
    }
}
