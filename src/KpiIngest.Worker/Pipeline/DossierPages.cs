using KpiIngest.Core.Source;
using KpiIngest.Data.Source;

namespace KpiIngest.Worker.Pipeline;

/// <summary>Where a poll's dossiers come from, one page at a time, on the reading thread (nothing else touches the source meanwhile).</summary>
internal interface IDossierPages
{
    DossierPageRead Next();
}

/// <summary>
/// A page of rows as the source returned them, <see cref="Read"/> of them read (a scan drops older copies of an id);
/// <see cref="IsLast"/> when no page follows it.
/// </summary>
internal sealed record DossierPageRead(IReadOnlyList<RawDossier> Rows, int Read, bool IsLast);

/// <summary>
/// Keyset pages in (updated_at, dossier_id) order from <c>from</c>: every poll, and a first ingest where one statement
/// is not one snapshot. A full page may end inside a run of rows with the same (updated_at, dossier_id), i.e. a
/// duplicated dossier: all of them are read so duplicates are judged within one result set.
/// </summary>
internal sealed class KeysetPages(ISourceReader source, DateTime from, int batchSize) : IDossierPages
{
    private DossierCursor? _after;

    public DossierPageRead Next()
    {
        var page = source.ReadChangedDossiers(from, _after, batchSize);
        if (page.Count < batchSize || page[^1] is not { UpdatedAt: { } updatedAt, DossierId: { } dossierId } last)
        {
            return new DossierPageRead(page, page.Count, IsLast: true);
        }

        var rows = CompleteLastKey(page, last);
        _after = new DossierCursor(updatedAt, dossierId);
        return new DossierPageRead(rows, rows.Count, IsLast: false);
    }

    /// <summary>
    /// The page without its last key's rows, then every row of that key. The source decides which rows have "that key":
    /// SQL Server under a case-insensitive collation returns 'x' for 'X', and for 'A' also 'A ' (it ignores trailing
    /// spaces), so every page row the completion returns again is dropped from the page, or a row that came twice would
    /// be quarantined as a duplicate dossier_id.
    /// </summary>
    private List<RawDossier> CompleteLastKey(IReadOnlyList<RawDossier> page, RawDossier last)
    {
        var key = new DossierCursor(last.UpdatedAt!, last.DossierId!);
        var completion = source.ReadDossiersWithKey(key);
        var completed = completion.Select(r => r.DossierId).ToHashSet();
        var rows = page.Where(r => !Equals(r.UpdatedAt, key.UpdatedAt) || !(Equals(r.DossierId, key.DossierId) || completed.Contains(r.DossierId)))
            .ToList();
        rows.AddRange(completion);
        return rows;
    }
}

/// <summary>
/// A first ingest's pages: one statement's scan of every dossier (<see cref="ISourceReader.ReadAllDossiers"/>), cut into
/// pages of <c>batchSize</c> rows, of an id met twice in a page its latest copies (<see cref="LatestCopies"/>; across
/// pages, see ScanRepeats). Dispose after the last page is read, before the source runs another statement.
/// </summary>
internal sealed class ScanPages(ISourceReader source, int batchSize, SourceTimeReader times) : IDossierPages, IDisposable
{
    /// <summary>
    /// The largest page of a scan, whatever Source:BatchSize says (it sizes queries, and a scan is one): a page lives
    /// from its read to its write, so the garbage collector carries every row of the two pages in hand through each
    /// collection. At 1,000 rows instead of 5,000 a first ingest of a million dossiers took about a second less.
    /// </summary>
    public const int MaxRows = 1000;

    private readonly IEnumerator<RawDossier> _rows = source.ReadAllDossiers().GetEnumerator();

    public DossierPageRead Next()
    {
        var page = new List<RawDossier>(batchSize);
        while (page.Count < batchSize && _rows.MoveNext())
        {
            page.Add(_rows.Current);
        }

        return new DossierPageRead(LatestCopies.Of(page, times), page.Count, IsLast: page.Count < batchSize);
    }

    public void Dispose() => _rows.Dispose();
}
