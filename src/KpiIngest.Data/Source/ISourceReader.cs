using KpiIngest.Core.Source;

namespace KpiIngest.Data.Source;

/// <summary>
/// Reads the three contract relations from one source engine. The seam between engines is here and only
/// here: paging, parameter types and identifier quoting differ, the checks on the rows do not.
/// </summary>
public interface ISourceReader : IDisposable
{
    /// <summary>The columns each contract relation offers, or null for a relation that does not exist.</summary>
    IReadOnlyDictionary<string, IReadOnlySet<string>?> DescribeRelations();

    /// <summary>
    /// The optional columns the relations offer (scorecard.md), detected once per reader from their column lists: the
    /// reads select these and NULL for the others.
    /// </summary>
    OptionalColumns PresentOptionalColumns();

    IEnumerable<RawUnit> ReadUnits();

    IEnumerable<RawProcedure> ReadProcedures();

    /// <summary>One keyset page of dossiers with updated_at at or after <paramref name="from"/>, after the cursor.</summary>
    IReadOnlyList<RawDossier> ReadChangedDossiers(DateTime from, DossierCursor? after, int limit);

    /// <summary>
    /// True when one statement reads a consistent snapshot of the source, whatever commits meanwhile (SQLite, PostgreSQL):
    /// then a first ingest reads every dossier in one <see cref="ReadAllDossiers"/> scan, and the newest updated_at it
    /// saw is a safe watermark. SQL Server under READ COMMITTED without row versioning may skip or repeat a row that
    /// moves during a scan: it reads keyset pages.
    /// </summary>
    bool ScansOneSnapshot { get; }

    /// <summary>
    /// Every dossier in the order the source finds them, streamed by one statement; only where <see cref="ScansOneSnapshot"/>.
    /// A first ingest's read: the keyset order walks the updated_at index with a lookup per row, several times slower.
    /// </summary>
    IEnumerable<RawDossier> ReadAllDossiers();

    /// <summary>Every row with exactly this (updated_at, dossier_id), to complete a page cut inside duplicates.</summary>
    IReadOnlyList<RawDossier> ReadDossiersWithKey(DossierCursor key);

    IReadOnlyList<RawDossier> ReadDossiersByIds(IReadOnlyCollection<string> dossierIds);

    /// <summary>Every (dossier_id, updated_at) in ordinal dossier_id order, streamed.</summary>
    IEnumerable<(string DossierId, object? UpdatedAt)> ReadDossierKeys();
}

/// <summary>A position in the (updated_at, dossier_id) order, holding the values exactly as the source returned them.</summary>
public sealed record DossierCursor(object UpdatedAt, object DossierId);
