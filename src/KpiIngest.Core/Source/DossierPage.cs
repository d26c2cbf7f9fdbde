using KpiIngest.Core.Facts;

namespace KpiIngest.Core.Source;

/// <summary>
/// A result set of src_dossier rows checked against the contract: its verdicts, the facts of its good rows, its
/// newest plausible updated_at (where a poll's watermark may move) and its size.
/// </summary>
public sealed record DossierPage(Validated<Dossier> Validated, IReadOnlyList<DossierFact> Facts, DateTime? NewestUpdate, int Count);

/// <summary>
/// Checks result sets of src_dossier rows into <see cref="DossierPage"/>s. No store access and no state between pages,
/// so any one thread may check a page.
/// </summary>
public sealed class DossierPageCheck(IReadOnlySet<string> knownUnitIds, SourceTimeReader times, DateTime latestPlausibleUpdate)
{
    private readonly DossierValidator _validator = new(knownUnitIds, times, latestPlausibleUpdate);

    public DossierPage Check(IReadOnlyList<RawDossier> rows)
    {
        var validated = _validator.Validate(rows);
        return new DossierPage(validated, [.. validated.Good.Select(DossierFact.From)], NewestUpdate(rows), rows.Count);
    }

    /// <summary>
    /// The newest updated_at that reads as a time and is not in the future, over every row, bad ones included: a
    /// quarantined row was read, and is retried by key, so the poll need not read it again.
    /// </summary>
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
