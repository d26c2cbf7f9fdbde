using KpiIngest.Core.Source;

namespace KpiIngest.Core.Facts;

/// <summary>What <see cref="DossierFact.Traits"/> records: what a dossier contributes beyond its two days.</summary>
[Flags]
public enum DossierTraits
{
    None = 0,
    Online = 1,
    WithFee = 2,
    PaidOnline = 4,
    Digitized = 8,
    Reused = 16,
    EResult = 32,
    HasDue = 64,
    OnTime = 128,
}

/// <summary>
/// All the indicators need of one dossier (kpi_dossier_fact): where it counts, on which local days, and how.
/// A change of the dossier moves its old contribution out of the daily-pair counts and its new one in.
/// </summary>
public sealed record DossierFact(
    string DossierId,
    string UnitId,
    string ProcedureCode,
    DateOnly? ReceivedDay,
    DateOnly? ResolvedDay,
    DossierTraits Traits,
    DateTime UpdatedAt)
{
    public static DossierFact From(Dossier dossier)
    {
        var traits = DossierTraits.None;
        var paidOnline = dossier.PaidOnline is 1 or 2;
        if (dossier.Channel == 2) traits |= DossierTraits.Online;
        if (dossier.FeeAmount > 0) traits |= DossierTraits.WithFee;
        if (paidOnline) traits |= DossierTraits.PaidOnline;
        if (dossier.Digitized) traits |= DossierTraits.Digitized;
        if (dossier.ReusedData) traits |= DossierTraits.Reused;
        if (dossier.EResult) traits |= DossierTraits.EResult;
        if (dossier.DueAt is not null) traits |= DossierTraits.HasDue;
        if (dossier.IsResolved && dossier.DueAt is not null && dossier.ResolvedAt <= dossier.DueAt) traits |= DossierTraits.OnTime;

        return new DossierFact(
            dossier.DossierId,
            dossier.UnitId,
            dossier.ProcedureCode,
            dossier.IsReceived ? DateOnly.FromDateTime(dossier.ReceivedAt!.Value) : null,
            dossier.IsResolved ? DateOnly.FromDateTime(dossier.ResolvedAt!.Value) : null,
            traits,
            dossier.UpdatedAt);
    }

    public PairKey Pair => new(UnitId, ProcedureCode);

    /// <summary>True when the two facts put the same counts on the same pair-days.</summary>
    public bool SameContributionAs(DossierFact? other) =>
        other is not null && other.UnitId == UnitId && other.ProcedureCode == ProcedureCode
        && other.ReceivedDay == ReceivedDay && other.ResolvedDay == ResolvedDay && other.Traits == Traits;

    /// <summary>The counts this dossier adds on its received day and its resolved day (one entry when they coincide).</summary>
    public IEnumerable<(DateOnly Day, DayCounts Counts)> Contributions()
    {
        if (ReceivedDay is { } received)
        {
            var counts = ReceivedCounts();
            if (ResolvedDay == received)
            {
                counts.Add(ResolvedCounts());
            }

            yield return (received, counts);
        }

        if (ResolvedDay is { } resolved && resolved != ReceivedDay)
        {
            yield return (resolved, ResolvedCounts());
        }
    }

    // What each count requires of the traits is DayCountRules', shared with the store's rebuild of the daily pairs.
    private DayCounts ReceivedCounts() => DayCountRules.CountsOn(CountedOn.ReceivedDay, Traits);

    private DayCounts ResolvedCounts() => DayCountRules.CountsOn(CountedOn.ResolvedDay, Traits);
}
