using KpiIngest.Core.Scorecard;
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

    /// <summary>src_dossier.synced_to_portal = 1 (optional column).</summary>
    Synced = 256,

    /// <summary>src_dossier.complaint_or_dislike = 1 (optional column).</summary>
    Complaint = 512,

    /// <summary>src_dossier.from_personal_storage = 1 (optional column).</summary>
    PersonalStorage = 1024,

    /// <summary>src_dossier.citizen_data_used = 1 (optional column).</summary>
    CitizenData = 2048,
}

/// <summary>
/// All the indicators need of one dossier (kpi_dossier_fact): where it counts, on which local days, and how.
/// A change of the dossier moves its old contribution out of the daily-pair counts and its new one in.
/// <see cref="DueDay"/> is the local date of due_at (null without one), from which a late dossier counts as overdue
/// (scorecard.md, "Overdue at S"); facts stored before store version 0014 have none until read again.
/// </summary>
public sealed record DossierFact(
    string DossierId,
    string UnitId,
    string ProcedureCode,
    DateOnly? ReceivedDay,
    DateOnly? ResolvedDay,
    DossierTraits Traits,
    DateTime UpdatedAt,
    DateOnly? DueDay = null)
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
        if (dossier.SyncedToPortal) traits |= DossierTraits.Synced;
        if (dossier.ComplaintOrDislike) traits |= DossierTraits.Complaint;
        if (dossier.FromPersonalStorage) traits |= DossierTraits.PersonalStorage;
        if (dossier.CitizenDataUsed) traits |= DossierTraits.CitizenData;

        return new DossierFact(
            dossier.DossierId,
            dossier.UnitId,
            dossier.ProcedureCode,
            dossier.IsReceived ? DateOnly.FromDateTime(dossier.ReceivedAt!.Value) : null,
            dossier.IsResolved ? DateOnly.FromDateTime(dossier.ResolvedAt!.Value) : null,
            traits,
            dossier.UpdatedAt,
            dossier.DueAt is { } due ? DateOnly.FromDateTime(due) : null);
    }

    public PairKey Pair => new(UnitId, ProcedureCode);

    /// <summary>True when the two facts put the same counts on the same pair-days and the same overdue counts on the same days.</summary>
    public bool SameContributionAs(DossierFact? other) =>
        other is not null && other.UnitId == UnitId && other.ProcedureCode == ProcedureCode
        && other.ReceivedDay == ReceivedDay && other.ResolvedDay == ResolvedDay && other.Traits == Traits
        && other.DueDay == DueDay;

    /// <summary>
    /// Not resolved by its due time (scorecard.md, "Overdue at S"): a due time, and not resolved (status 9/10) at or
    /// before it. Withdrawn (7) and stopped (8) dossiers are judged the same, on purpose. Whether it is overdue at a
    /// date S then depends on S only: its due day S or earlier.
    /// </summary>
    public bool IsLate => (Traits & DossierTraits.HasDue) != 0 && (Traits & DossierTraits.OnTime) == 0;

    /// <summary>
    /// What this dossier adds to kpi_daily_overdue: one late dossier received in the period at (received day, due day),
    /// counted overdue at every S from its due day on. None when not received, not late, or stored without a due day.
    /// </summary>
    public (DateOnly ReceivedDay, DateOnly DueDay, OverdueCounts Counts)? OverdueContribution() =>
        ReceivedDay is { } received && DueDay is { } due && IsLate
            ? (received, due, new OverdueCounts(1, (Traits & DossierTraits.Complaint) != 0 ? 1 : 0))
            : null;

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
