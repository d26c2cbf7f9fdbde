using KpiIngest.Core.Facts;
using KpiIngest.Core.Periods;
using KpiIngest.Core.Source;
using KpiIngest.Core.Targets;
using KpiIngest.Data.Source;
using KpiIngest.Data.Store;
using KpiIngest.Worker.Configuration;
using KpiIngest.Worker.Display;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KpiIngest.Worker.Pipeline;

/// <summary>
/// Brings the store up to date with the source: units and catalog re-read in full, dossiers read
/// incrementally from the watermark minus the overlap, quarantined dossiers read again by key.
/// </summary>
public sealed class IngestPipeline(IOptions<SourceOptions> sourceOptions, TargetBook targets, SourceClock clock, ILogger<IngestPipeline> logger, IRunProgress? progress = null)
{
    /// <summary>Largest id list sent in one read-by-key query.</summary>
    private const int KeysPerQuery = 500;

    private readonly SourceTimeReader _times = new(clock.Zone);

    /// <summary>Fails the run, before any write, when a relation or column of the contract is missing.</summary>
    public static void CheckContract(ISourceReader source)
    {
        var missing = SourceContract.Missing(source.DescribeRelations());
        if (missing.Count > 0)
        {
            throw new SourceContractException(
                $"The source does not offer the contract: missing {string.Join(", ", missing)} (source-contract.md).");
        }
    }

    /// <summary>Re-reads src_unit and src_procedure, replacing kpi_unit, kpi_catalog and their quarantine.</summary>
    public Dimensions RefreshDimensions(ISourceReader source, StoreSession store, RunCounts counts)
    {
        var units = UnitValidator.Validate(source.ReadUnits(), _times);
        var unitIds = units.Good.Select(u => u.UnitId).ToHashSet(StringComparer.Ordinal);
        var catalog = ProcedureValidator.Validate(source.ReadProcedures(), unitIds, _times);
        var now = clock.UtcNow;
        var lostUnits = store.Dimensions.LoadUnits().Select(u => u.UnitId).Where(id => !unitIds.Contains(id)).ToHashSet(StringComparer.Ordinal);
        using (var transaction = store.BeginWrite())
        {
            store.Dimensions.ReplaceUnits(units.Good);
            store.Dimensions.ReplaceCatalog(catalog.Good);
            store.Dimensions.ReplaceIndicators();
            store.Scorecards.ReplaceItems();
            store.Dimensions.ReplaceTargets(targets);
            store.Quarantine.ReplaceAll(SourceContract.Units, units.Quarantined, now);
            store.Quarantine.ReplaceAll(SourceContract.Procedures, catalog.Quarantined, now);
            FaultInjectionTestHook.Checkpoint(FaultInjectionTestHook.Ingest, "dimensions before commit");
            transaction.Commit();
            FaultInjectionTestHook.Checkpoint(FaultInjectionTestHook.Ingest, "dimensions committed");
        }

        counts.UnitsQuarantined = units.Quarantined.Count;
        counts.ProceduresQuarantined = catalog.Quarantined.Count;
        if (units.Quarantined.Count + catalog.Quarantined.Count > 0)
        {
            logger.LogWarning("Quarantined {Units} src_unit and {Procedures} src_procedure rows (see kpi_quarantine)",
                units.Quarantined.Count, catalog.Quarantined.Count);
        }

        return new Dimensions(unitIds, catalog.Good.Select(p => p.Key).ToHashSet(), lostUnits);
    }

    /// <summary>Reads what changed since the watermark, then retries every quarantined dossier by key.</summary>
    public void Poll(ISourceReader source, StoreSession store, Dimensions dimensions, RunCounts counts, CancellationToken cancellation)
    {
        var check = CreateCheck(dimensions);
        var diff = CreateDiff(store, dimensions);
        var watermark = new Watermark(store.State);
        var optional = source.PresentOptionalColumns();
        if (watermark.FollowOptionalColumns(optional, store.BeginWrite))
        {
            logger.LogInformation("The source's optional columns are now [{Columns}]: every dossier is read again",
                SourceContract.OptionalText(optional));
        }

        var from = watermark.PollStart(sourceOptions.Value.PollOverlap);
        var factsEmpty = store.Facts.IsEmpty();
        var rebuildPending = store.State.Get(StateStore.DailyPairsRebuildPending) is not null;

        // A store's very first read takes every dossier in one scan, in the source's order (see IngestTransaction.Scan);
        // a first read a failure interrupted goes on by keyset, inserting what is absent (its watermark is unset).
        var scan = factsEmpty && !rebuildPending && from == DateTime.MinValue && source.ScansOneSnapshot && sourceOptions.Value.FirstIngestScan;
        using var transaction = CreateTransaction(store, diff, watermark, counts, bulkLoad: factsEmpty || rebuildPending, scan);
        using var phase = (progress ?? NoRunProgress.Instance).Begin("Ingest", "hồ sơ", total: null);
        using (var scanPages = scan ? new ScanPages(source, Math.Min(sourceOptions.Value.BatchSize, ScanPages.MaxRows), _times) : null)
        {
            Write(scanPages ?? (IDossierPages)new KeysetPages(source, from, sourceOptions.Value.BatchSize), check, transaction, counts, phase,
                cancellation);
        }

        // The dossiers a scan met in two pages are read again, their copies together, the latest judged as within a
        // page: before the rebuild, so they commit as part of the load (a crash here leaves it pending, not half-judged).
        ReadByKey(source, rows => check.Check(LatestCopies.Of(rows, _times)), transaction, [.. transaction.RepeatedIds], counts, cancellation);
        transaction.FinishBulkLoad();

        // Quarantined rows are retried every run: a fix elsewhere (a unit added) need not touch the dossier.
        ReadByKey(source, check, transaction, diff.QuarantineNotReadYet(), counts, cancellation);
        RemoveFactsOfLostUnits(source, store, check, transaction, dimensions, counts);
        counts.DossiersQuarantined = store.Quarantine.CountActive(SourceContract.Dossiers);
        phase.Complete($"{VietnameseFormat.Count(counts.DossiersRead)} hồ sơ đọc, {VietnameseFormat.Count(counts.DossiersQuarantined)} cách ly");
    }

    /// <summary>
    /// Checks the pages and writes them through the transaction. Pages are read one ahead, on a pool thread, while this
    /// one checks and writes the previous one: the source and the store are separate connections, so on two cores reading
    /// a page costs no time as long as checking and writing one takes longer. Checking is here, not on the reading thread:
    /// in a first ingest's scan the two threads and the garbage collector keep both cores busy, and a million dossiers
    /// were never read faster with the check moved there (measured twice, docs/benchmarks.md). Only the reading thread touches the source until the loop ends, and it touches nothing else.
    /// </summary>
    private static void Write(IDossierPages pages, DossierPageCheck check, IngestTransaction transaction, RunCounts counts,
        IProgressPhase phase, CancellationToken cancellation)
    {
        Task<DossierPageRead>? next = ReadAhead(pages, cancellation);
        try
        {
            try
            {
                while (next is not null)
                {
                    var page = next.GetAwaiter().GetResult();
                    next = page.IsLast ? null : ReadAhead(pages, cancellation);
                    counts.DossiersRead += page.Read;
                    phase.Report(counts.DossiersRead);
                    if (page.Rows.Count > 0)
                    {
                        transaction.Write(check.Check(page.Rows), advanceWatermark: true, nextRead: next);
                    }
                }

                // The last read may come back empty (the page before it was full) with a transaction still open.
                transaction.Complete();
            }
            finally
            {
                // A write failed: the read in flight must end before the caller disposes the source. WhenAny waits for
                // it without rethrowing its own failure, which would hide the write's.
                if (next is not null)
                {
                    Task.WhenAny(next).Wait(CancellationToken.None);
                }
            }
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // A bulk load by keyset that failed midway (the source went away) still gives its committed facts their daily
            // pairs before the run fails, if the store lets it; a crash, or a scan, leaves that to the next run (the
            // pending mark).
            transaction.FinishBulkLoadAfterFailure();
            throw;
        }
    }

    /// <summary>Reads the given dossiers again by key (reconciliation's missed changes); ids the source lacks are deleted.</summary>
    public void ReadAgain(ISourceReader source, StoreSession store, Dimensions dimensions, IReadOnlyList<string> ids,
        RunCounts counts, CancellationToken cancellation)
    {
        var check = CreateCheck(dimensions);
        using var transaction = CreateTransaction(store, CreateDiff(store, dimensions), new Watermark(store.State), counts, bulkLoad: false);
        ReadByKey(source, check, transaction, ids, counts, cancellation);
    }

    /// <summary>An updated_at more than a day ahead of the source's clock is implausible: it would drag the watermark past every real change.</summary>
    private DossierPageCheck CreateCheck(Dimensions dimensions) =>
        new(dimensions.UnitIds, _times, clock.LocalNow.AddDays(1));

    private static FactDiff CreateDiff(StoreSession store, Dimensions dimensions) =>
        new(dimensions.Catalog, store.Quarantine.ActiveKeys(SourceContract.Dossiers));

    private IngestTransaction CreateTransaction(StoreSession store, FactDiff diff, Watermark watermark, RunCounts counts, bool bulkLoad,
        bool scan = false) =>
        new(store, diff, watermark, counts, clock.UtcNow)
        {
            BulkLoad = bulkLoad,
            Scan = scan,
            TransactionRows = sourceOptions.Value.TransactionRows,
        };

    private static Task<DossierPageRead> ReadAhead(IDossierPages pages, CancellationToken cancellation) =>
        Task.Run(() =>
        {
            cancellation.ThrowIfCancellationRequested();
            return pages.Next();
        }, CancellationToken.None);

    private static void ReadByKey(ISourceReader source, DossierPageCheck check, IngestTransaction transaction, IReadOnlyList<string> ids,
        RunCounts counts, CancellationToken cancellation) =>
        ReadByKey(source, check.Check, transaction, ids, counts, cancellation);

    private static void ReadByKey(ISourceReader source, Func<IReadOnlyList<RawDossier>, DossierPage> check, IngestTransaction transaction,
        IReadOnlyList<string> ids, RunCounts counts, CancellationToken cancellation)
    {
        // Keys longer than the contract allows were stored shortened and cannot be looked up.
        var readable = ids.Where(id => id.Length <= ContractLimits.KeyLength).ToList();
        for (var i = 0; i < readable.Count; i += KeysPerQuery)
        {
            cancellation.ThrowIfCancellationRequested();
            var chunk = readable.GetRange(i, Math.Min(KeysPerQuery, readable.Count - i));
            var rows = source.ReadDossiersByIds(chunk);
            var found = rows.Select(r => QuarantineEntry.KeyOf(r.DossierId)).ToHashSet(StringComparer.Ordinal);
            counts.DossiersRead += rows.Count;
            transaction.Write(check(rows), advanceWatermark: false, missingIds: [.. chunk.Where(id => !found.Contains(id))]);
        }
    }

    /// <summary>Dossiers counted under a unit that is gone or now quarantined: read again, they are quarantined.</summary>
    private void RemoveFactsOfLostUnits(ISourceReader source, StoreSession store, DossierPageCheck check, IngestTransaction transaction,
        Dimensions dimensions, RunCounts counts)
    {
        // Only when a unit left src_unit (or was quarantined) since the last run: the check scans the facts. kpi_unit
        // already holds this run's units (RefreshDimensions committed them), so the store finds the facts of every
        // unit missing from it, however many units that is.
        if (dimensions.LostUnitIds.Count == 0)
        {
            return;
        }

        var orphans = store.Facts.IdsOfLostUnits();
        if (orphans.Count > 0)
        {
            logger.LogWarning("{Count} counted dossiers belong to units no longer valid in src_unit; re-checking them", orphans.Count);
            ReadByKey(source, check, transaction, orphans, counts, CancellationToken.None);
        }
    }
}

/// <summary>The valid unit ids and catalog pairs of this run, and the units valid before it that no longer are.</summary>
public sealed record Dimensions(IReadOnlySet<string> UnitIds, IReadOnlySet<PairKey> Catalog, IReadOnlySet<string> LostUnitIds);
