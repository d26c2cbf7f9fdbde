using KpiIngest.Core.Facts;
using KpiIngest.Core.Source;
using KpiIngest.Data;
using KpiIngest.Data.Store;

namespace KpiIngest.Worker.Pipeline;

/// <summary>
/// Applies result sets of src_dossier rows to the store: facts upserted or removed, their daily-pair deltas,
/// quarantine in and out, the restatement mark and the watermark, all in one transaction, so a crash before commit
/// loses nothing and a crash after it redoes nothing. Consecutive pages of one read share a transaction until it
/// holds <see cref="TransactionRows"/> rows: a first ingest then commits, and rewrites the daily-pair pages it
/// touches, a few dozen times instead of once per page. Dispose rolls back a transaction left open by a failure.
/// </summary>
internal sealed class DossierBatchWriter(
    StoreSession store,
    DossierValidator validator,
    SourceTimeReader times,
    IReadOnlySet<PairKey> catalog,
    ISet<string> quarantinedBefore,
    DateTime latestPlausibleUpdate,
    RunCounts counts,
    DateTimeOffset now) : IDisposable
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

    /// <summary>Dossiers quarantined before this run that it has not read again yet.</summary>
    public IReadOnlyList<string> QuarantineNotReadYet() => [.. quarantinedBefore.Order(StringComparer.Ordinal)];

    /// <summary>
    /// Checks a result set against the contract and turns its good rows into facts: no store access, so a page read
    /// ahead is checked on the reading thread while the previous one is written.
    /// </summary>
    public CheckedRows Check(IReadOnlyList<RawDossier> rows)
    {
        var validated = validator.Validate(rows);
        return new CheckedRows(validated, [.. validated.Good.Select(DossierFact.From)], NewestUpdate(rows), rows.Count);
    }

    /// <param name="rows">The result set.</param>
    /// <param name="advanceWatermark">True for polls: the watermark moves to the newest valid updated_at read.</param>
    /// <param name="missingIds">Ids asked for by key that the source no longer has: their quarantine clears.</param>
    public void Write(IReadOnlyList<RawDossier> rows, bool advanceWatermark, IReadOnlyCollection<string>? missingIds = null) =>
        Write(Check(rows), advanceWatermark, missingIds);

    /// <param name="rows">The result set, checked.</param>
    /// <param name="advanceWatermark">True for polls: the watermark moves to the newest valid updated_at read.</param>
    /// <param name="missingIds">Ids asked for by key that the source no longer has: their quarantine clears.</param>
    /// <param name="nextRead">
    /// The read of the next page, running meanwhile; null when none follows, and then the transaction commits. It
    /// commits only once that read has ended, and not if it failed: then committed rows always have their successor
    /// read, and a source failing mid-run fails the run before the rows in hand commit, exactly as when pages are
    /// read one at a time. A transaction still open when the next page arrives takes that page too.
    /// </param>
    public void Write(CheckedRows rows, bool advanceWatermark, IReadOnlyCollection<string>? missingIds = null, Task? nextRead = null)
    {
        _transaction ??= store.BeginWrite();
        Apply(rows, missingIds);
        if (advanceWatermark && rows.NewestUpdate is { } newest && (_newestInTransaction is null || newest > _newestInTransaction))
        {
            _newestInTransaction = newest;
        }

        _rowsInTransaction += rows.Count;
        if (nextRead is null || _rowsInTransaction >= TransactionRows)
        {
            Commit(nextRead);
        }
    }

    /// <summary>Commits the open transaction, if any: the read it waited for ended with no rows.</summary>
    public void Complete() => Commit(nextRead: null);

    /// <summary>Rolls back a transaction a failure left open: none of its rows count, and the next run reads them again.</summary>
    public void Dispose() => Reset();

    private void Apply(CheckedRows rows, IReadOnlyCollection<string>? missingIds)
    {
        var validated = rows.Validated;
        var facts = rows.Facts;
        var delta = _delta;
        var toCompare = facts;
        if (StoreWasEmpty)
        {
            // First ingest: insert what is absent in one pass; only a dossier met again in this run (it changed
            // while the run read) is diffed against its stored fact like in any later poll.
            toCompare = store.Facts.InsertAbsent(facts);

            // By reference: the facts are distinct instances (a dossier_id met twice in a page is quarantined), and
            // Except would hash every record's seven fields to find the few, usually none, that were present.
            var present = toCompare.ToHashSet(ReferenceEqualityComparer.Instance);
            foreach (var fact in facts)
            {
                if (!present.Contains(fact))
                {
                    delta.Record(null, fact);
                    counts.DossiersUpserted++;
                }
            }
        }

        var ids = toCompare.Select(f => f.DossierId)
            .Concat(validated.Quarantined.Select(q => q.RecordKey).Where(k => k.Length <= ContractLimits.KeyLength))
            .Concat(missingIds ?? [])
            .ToHashSet(StringComparer.Ordinal);
        var before = store.Facts.Load(ids);

        var changedFacts = new List<DossierFact>();
        foreach (var fact in toCompare)
        {
            var previous = before.GetValueOrDefault(fact.DossierId);
            if (delta.Record(previous, fact))
            {
                counts.DossiersUpserted++;
            }

            if (previous != fact)
            {
                changedFacts.Add(fact);
            }
        }

        var cleared = new List<string>();
        foreach (var fact in facts)
        {
            if (!catalog.Contains(fact.Pair))
            {
                counts.DossiersUncatalogued++;
            }

            if (quarantinedBefore.Remove(fact.DossierId))
            {
                cleared.Add(fact.DossierId);
            }
        }

        var removed = new List<string>();
        foreach (var entry in validated.Quarantined)
        {
            quarantinedBefore.Remove(entry.RecordKey);
            if (before.TryGetValue(entry.RecordKey, out var previous))
            {
                // A dossier that turned bad leaves every figure until the source is fixed.
                delta.Record(previous, null);
                removed.Add(entry.RecordKey);
            }
        }

        foreach (var id in missingIds ?? [])
        {
            if (quarantinedBefore.Remove(id))
            {
                cleared.Add(id);
            }

            if (before.TryGetValue(id, out var previous))
            {
                delta.Record(previous, null);
                removed.Add(id);
                counts.DossiersDeleted++;
            }
        }

        store.Facts.Upsert(changedFacts);
        store.Facts.Delete(removed);
        store.Quarantine.Upsert(validated.Quarantined, now);
        store.Quarantine.Clear(QuarantineEntry.Dossiers, cleared, now);
    }

    /// <summary>Writes what the transaction's pages add up to (daily-pair deltas, restatement mark, watermark), then commits.</summary>
    private void Commit(Task? nextRead)
    {
        if (_transaction is not { } transaction)
        {
            return;
        }

        store.DailyPairs.Apply(_delta);
        if (_delta.EarliestDay is { } earliest)
        {
            store.State.MarkRestateFrom(earliest);
        }

        if (_newestInTransaction is { } newest)
        {
            var current = store.State.Get(StateStore.DossierWatermark);
            if (current is null || StoreFormat.ParseLocal(current) < newest)
            {
                store.State.Set(StateStore.DossierWatermark, StoreFormat.Local(newest));
            }
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

    private DateTime? NewestUpdate(IReadOnlyList<RawDossier> rows)
    {
        DateTime? newest = null;
        foreach (var row in rows)
        {
            if (row.UpdatedAt is not null && times.TryReadLocal(row.UpdatedAt, out var local, out _)
                && local <= latestPlausibleUpdate && (newest is null || local > newest))
            {
                newest = local;
            }
        }

        return newest;
    }
}

/// <summary>A result set checked against the contract: its verdicts, the facts of its good rows, its newest plausible updated_at, its size.</summary>
internal sealed record CheckedRows(Validated<Dossier> Validated, IReadOnlyList<DossierFact> Facts, DateTime? NewestUpdate, int Count);
