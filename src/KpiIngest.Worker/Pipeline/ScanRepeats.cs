using KpiIngest.Core.Facts;
using KpiIngest.Core.Source;

namespace KpiIngest.Worker.Pipeline;

/// <summary>
/// The dossiers a first ingest's scan met in more than one page. A page judges only its own copies of an id
/// (<see cref="Core.Source.LatestCopies"/>, then the check): a copy in an earlier page shows as a fact already stored,
/// or as an id the scan already quarantined. Those ids are read again by key after the scan, all their copies in one
/// result set, and judged the same way. A scan of one snapshot meets nothing twice otherwise, so the list stays as
/// short as the source's duplicated ids.
/// </summary>
internal sealed class ScanRepeats
{
    private readonly HashSet<string> _quarantinedByScan = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Ids => _ids;

    /// <param name="page">A page of the scan, checked.</param>
    /// <param name="present">Its facts the store already held: stored by an earlier page.</param>
    /// <param name="before">The stored facts of its ids, the quarantined ones' included.</param>
    public void Note(DossierPage page, IReadOnlyList<DossierFact> present, IReadOnlyDictionary<string, DossierFact> before)
    {
        foreach (var fact in present)
        {
            _ids.Add(fact.DossierId);
        }

        foreach (var fact in page.Facts)
        {
            if (_quarantinedByScan.Contains(fact.DossierId))
            {
                _ids.Add(fact.DossierId);
            }
        }

        foreach (var entry in page.Validated.Quarantined)
        {
            if (before.ContainsKey(entry.RecordKey) || _quarantinedByScan.Contains(entry.RecordKey))
            {
                _ids.Add(entry.RecordKey);
            }
        }

        // After the checks: two copies within this page were judged by the page itself.
        foreach (var entry in page.Validated.Quarantined)
        {
            _quarantinedByScan.Add(entry.RecordKey);
        }
    }
}
