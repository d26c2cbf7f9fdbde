using KpiIngest.Core.Periods;
using KpiIngest.Core.Source;
using KpiIngest.Data.Source;
using KpiIngest.Data.Store;

namespace KpiIngest.Worker.Pipeline;

/// <summary>
/// Compares the store's dossiers with the source's full key set by merging the two ordered key streams:
/// keys the store lacks or holds at another updated_at are read again, keys the source lost are deleted.
/// Memory holds only the differing keys, never the key set.
/// </summary>
public sealed class Reconciler(IngestPipeline ingest, SourceTimeReader times, SourceClock clock)
{
    public void Run(ISourceReader source, StoreSession store, Dimensions dimensions, RunCounts counts, CancellationToken cancellation)
    {
        var differing = new List<string>();

        // Keys longer than the contract allows cannot be read by key; they leave quarantine when the source lost them.
        var overlongSourceKeys = new HashSet<string>(StringComparer.Ordinal);
        using (var sourceKeys = source.ReadDossierKeys().GetEnumerator())
        using (var storeKeys = store.Facts.ReadKeys().GetEnumerator())
        {
            var hasSource = sourceKeys.MoveNext();
            var hasStore = storeKeys.MoveNext();
            while (hasSource || hasStore)
            {
                cancellation.ThrowIfCancellationRequested();
                var order = !hasSource ? 1 : !hasStore ? -1
                    : string.CompareOrdinal(sourceKeys.Current.DossierId, storeKeys.Current.DossierId);
                if (hasSource && sourceKeys.Current.DossierId.Length > ContractLimits.KeyLength)
                {
                    overlongSourceKeys.Add(QuarantineEntry.KeyOf(sourceKeys.Current.DossierId));
                }

                if (order < 0)
                {
                    differing.Add(sourceKeys.Current.DossierId);
                    hasSource = sourceKeys.MoveNext();
                }
                else if (order > 0)
                {
                    differing.Add(storeKeys.Current.DossierId);
                    hasStore = storeKeys.MoveNext();
                }
                else
                {
                    if (!SameTime(sourceKeys.Current.UpdatedAt, storeKeys.Current.UpdatedAt))
                    {
                        differing.Add(sourceKeys.Current.DossierId);
                    }

                    hasSource = sourceKeys.MoveNext();
                    hasStore = storeKeys.MoveNext();
                }
            }
        }

        // Read again: changed rows are applied, rows gone from the source leave the store and the quarantine.
        ingest.ReadAgain(source, store, dimensions, [.. differing.Distinct(StringComparer.Ordinal)], counts, cancellation);

        var gone = store.Quarantine.ActiveKeys(SourceContract.Dossiers)
            .Where(k => k.Length > ContractLimits.KeyLength && !overlongSourceKeys.Contains(k))
            .ToList();
        if (gone.Count > 0)
        {
            using var transaction = store.BeginWrite();
            store.Quarantine.Clear(SourceContract.Dossiers, gone, clock.UtcNow);
            transaction.Commit();
        }
    }

    private bool SameTime(object? sourceValue, DateTime stored) =>
        sourceValue is not null && times.TryReadLocal(sourceValue, out var local, out _) && local == stored;
}
