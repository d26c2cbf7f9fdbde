namespace KpiIngest.Core.Scorecard;

/// <summary>
/// Of one unit's dossiers received in a period, those overdue at its snapshot date S (scorecard.md, "Overdue at
/// S"): due time not null, local due date S or earlier, not resolved by the due time. Additive across units.
/// </summary>
/// <param name="Overdue">Overdue at S.</param>
/// <param name="OverdueWithComplaint">Of <paramref name="Overdue"/>, complaint_or_dislike = 1.</param>
public readonly record struct OverdueCounts(long Overdue, long OverdueWithComplaint)
{
    public OverdueCounts Plus(OverdueCounts other) =>
        new(Overdue + other.Overdue, OverdueWithComplaint + other.OverdueWithComplaint);
}
