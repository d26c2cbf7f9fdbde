using KpiIngest.Core.Source;

namespace KpiIngest.Core.Facts;

/// <summary>
/// What a checked page changes in the store, decided from the facts stored before it: facts to upsert and to
/// delete, quarantine entries to clear, and each change's daily-pair delta. Pure: the caller loads the facts
/// before and writes the changes. One instance serves a whole run, because it follows which dossiers quarantined
/// before the run the run has not read again yet (they are retried by key at its end).
/// </summary>
public sealed class FactDiff(IReadOnlySet<PairKey> catalog, IEnumerable<string> quarantinedBefore)
{
    private readonly HashSet<string> _quarantineNotReadYet = new(quarantinedBefore, StringComparer.Ordinal);

    /// <summary>Dossiers quarantined before this run that it has not read again yet, in ordinal order.</summary>
    public IReadOnlyList<string> QuarantineNotReadYet() => [.. _quarantineNotReadYet.Order(StringComparer.Ordinal)];

    /// <summary>The dossiers whose stored facts <see cref="Decide"/> needs.</summary>
    /// <param name="compared">The page's facts that may be stored already.</param>
    /// <param name="quarantined">The page's bad rows: a dossier that turned bad leaves the facts.</param>
    /// <param name="missingIds">Ids asked for by key that the source no longer has.</param>
    public static HashSet<string> IdsToLoad(IReadOnlyList<DossierFact> compared, IReadOnlyList<QuarantineEntry> quarantined,
        IReadOnlyCollection<string> missingIds) =>
        compared.Select(f => f.DossierId)
            // Keys longer than the contract allows are stored shortened and were never counted.
            .Concat(quarantined.Select(q => q.RecordKey).Where(k => k.Length <= ContractLimits.KeyLength))
            .Concat(missingIds)
            .ToHashSet(StringComparer.Ordinal);

    /// <param name="page">The page, checked.</param>
    /// <param name="compared">
    /// The page's facts to compare with <paramref name="before"/>: all of them, or on a first ingest those the store
    /// already held (the others were inserted where absent, see <paramref name="insertedAbsent"/>).
    /// </param>
    /// <param name="insertedAbsent">True when the page's facts missing from <paramref name="compared"/> were inserted as new.</param>
    /// <param name="before">The stored facts of <see cref="IdsToLoad"/>.</param>
    /// <param name="missingIds">Ids asked for by key that the source no longer has: they leave the facts and the quarantine.</param>
    /// <param name="delta">Receives the net daily-pair change.</param>
    public FactChanges Decide(DossierPage page, IReadOnlyList<DossierFact> compared, bool insertedAbsent,
        IReadOnlyDictionary<string, DossierFact> before, IReadOnlyCollection<string> missingIds, DailyPairDelta delta)
    {
        var upserted = 0;
        var deleted = 0;
        var uncatalogued = 0;
        if (insertedAbsent)
        {
            // By reference: the facts are distinct instances (a dossier_id met twice in a page is quarantined), and
            // Except would hash every record's seven fields to find the few, usually none, that were present.
            var present = compared.ToHashSet(ReferenceEqualityComparer.Instance);
            foreach (var fact in page.Facts)
            {
                if (!present.Contains(fact))
                {
                    delta.Record(null, fact);
                    upserted++;
                }
            }
        }

        var changedFacts = new List<DossierFact>();
        foreach (var fact in compared)
        {
            var previous = before.GetValueOrDefault(fact.DossierId);
            if (delta.Record(previous, fact))
            {
                upserted++;
            }

            if (previous != fact)
            {
                changedFacts.Add(fact);
            }
        }

        var cleared = new List<string>();
        foreach (var fact in page.Facts)
        {
            if (!catalog.Contains(fact.Pair))
            {
                uncatalogued++;
            }

            if (_quarantineNotReadYet.Remove(fact.DossierId))
            {
                cleared.Add(fact.DossierId);
            }
        }

        var removed = new List<string>();
        foreach (var entry in page.Validated.Quarantined)
        {
            _quarantineNotReadYet.Remove(entry.RecordKey);
            if (before.TryGetValue(entry.RecordKey, out var previous))
            {
                // A dossier that turned bad leaves every figure until the source is fixed.
                delta.Record(previous, null);
                removed.Add(entry.RecordKey);
            }
        }

        foreach (var id in missingIds)
        {
            if (_quarantineNotReadYet.Remove(id))
            {
                cleared.Add(id);
            }

            if (before.TryGetValue(id, out var previous))
            {
                delta.Record(previous, null);
                removed.Add(id);
                deleted++;
            }
        }

        return new FactChanges(changedFacts, removed, page.Validated.Quarantined, cleared, upserted, deleted, uncatalogued);
    }
}

/// <summary>What <see cref="FactDiff.Decide"/> found a page changes, and the counts a run reports for it.</summary>
/// <param name="Upserts">Facts new or different from the stored ones (on a first ingest, beyond those inserted where absent).</param>
/// <param name="Deletions">Dossiers that leave the facts: turned bad, or gone from the source.</param>
/// <param name="Quarantined">The page's bad rows, quarantined (again).</param>
/// <param name="QuarantineClears">Dossiers quarantined before that were read good, or are gone.</param>
/// <param name="Upserted">Dossiers whose contribution changed.</param>
/// <param name="Deleted">Dossiers gone from the source that were counted.</param>
/// <param name="Uncatalogued">Good dossiers whose (unit, procedure) pair is not in the catalog.</param>
public sealed record FactChanges(
    IReadOnlyList<DossierFact> Upserts,
    IReadOnlyList<string> Deletions,
    IReadOnlyList<QuarantineEntry> Quarantined,
    IReadOnlyList<string> QuarantineClears,
    int Upserted,
    int Deleted,
    int Uncatalogued);
