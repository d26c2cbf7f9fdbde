namespace KpiIngest.Demo;

/// <summary>
/// The demo's optional scorecard flags of a dossier (scorecard.md, "Optional source columns"): most synchronised to the
/// national portal, a few complaints, some personal storage (mostly online dossiers) and population data. Drawn from a
/// stable hash of the dossier id, not from the province's random sequence, so every other figure of a seeded province
/// stays what it was before the demo had them.
/// </summary>
internal readonly record struct ScorecardFlags(bool Synced, bool Complaint, bool PersonalStorage, bool CitizenData)
{
    public static ScorecardFlags Of(string dossierId, int channel)
    {
        var hash = StableHash(dossierId);
        var online = channel == 2;
        return new ScorecardFlags(
            Synced: hash % 100 < 93,
            Complaint: hash / 100 % 100 < 2,
            PersonalStorage: hash / 10_000 % 100 < (online ? 35u : 4u),
            CitizenData: hash / 1_000_000 % 100 < (online ? 70u : 40u));
    }

    /// <summary>FNV-1a over the id's characters: the same on every run and machine, unlike string.GetHashCode.</summary>
    private static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
