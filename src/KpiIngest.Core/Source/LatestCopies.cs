namespace KpiIngest.Core.Source;

/// <summary>
/// What a first ingest's scan keeps of a dossier_id it meets more than once. A read in updated_at order meets copies
/// with different updated_at one after the other, and the later one wins (source-contract.md: "a row met again ...
/// its latest version wins"); only copies with the same updated_at end up in one result set, as duplicates. A scan reads
/// in the source's own order, so it keeps, of each id met twice, the copies with the latest updated_at, and the check
/// judges those: one copy wins, two or more are duplicates. Both reads then end with the same figures.
/// </summary>
public static class LatestCopies
{
    public static IReadOnlyList<RawDossier> Of(IReadOnlyList<RawDossier> rows, SourceTimeReader times)
    {
        var seen = new HashSet<string>(rows.Count, StringComparer.Ordinal);
        HashSet<string>? repeated = null;
        foreach (var row in rows)
        {
            var key = QuarantineEntry.KeyOf(row.DossierId);
            if (!seen.Add(key))
            {
                (repeated ??= new HashSet<string>(StringComparer.Ordinal)).Add(key);
            }
        }

        if (repeated is null)
        {
            return rows;
        }

        var latest = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var key = QuarantineEntry.KeyOf(row.DossierId);
            if (repeated.Contains(key) && UpdatedAt(row, times) is { } updatedAt
                && (!latest.TryGetValue(key, out var known) || updatedAt > known))
            {
                latest[key] = updatedAt;
            }
        }

        // Copies whose updated_at cannot be read are kept only when no copy's can: the check then quarantines them.
        return [.. rows.Where(row =>
            !latest.TryGetValue(QuarantineEntry.KeyOf(row.DossierId), out var newest) || UpdatedAt(row, times) == newest)];
    }

    private static DateTime? UpdatedAt(RawDossier row, SourceTimeReader times) =>
        row.UpdatedAt is { } value && times.TryReadLocal(value, out var local, out _) ? local : null;
}
