namespace KpiIngest.Core.Facts;

/// <summary>
/// The additive counts one (unit, procedure, local day) holds (design.md, "Why a daily-pair table"):
/// received-day counts and resolved-day counts. Every indicator is a sum of these over a period, plus
/// "sum &gt; 0" per catalog pair for indicators 6 and 7.
/// </summary>
public struct DayCounts : IEquatable<DayCounts>
{
    /// <summary>Received (status not 1 or 3) on this day.</summary>
    public long Received { get; set; }

    /// <summary>Of Received, channel = 2.</summary>
    public long Online { get; set; }

    /// <summary>Of Received, fee_amount &gt; 0.</summary>
    public long WithFee { get; set; }

    /// <summary>Of WithFee, paid_online in (1, 2).</summary>
    public long WithFeePaidOnline { get; set; }

    /// <summary>Of Received, digitized = 1.</summary>
    public long Digitized { get; set; }

    /// <summary>Of Received, reused_data = 1.</summary>
    public long Reused { get; set; }

    /// <summary>Of Received, paid_online in (1, 2) whatever the fee (indicator 7).</summary>
    public long PaidOnline { get; set; }

    /// <summary>Resolved (status 9 or 10) on this day.</summary>
    public long Resolved { get; set; }

    /// <summary>Of Resolved, e_result = 1.</summary>
    public long ResolvedEResult { get; set; }

    /// <summary>Of Resolved, due_at not null.</summary>
    public long ResolvedWithDue { get; set; }

    /// <summary>Of ResolvedWithDue, resolved_at &lt;= due_at.</summary>
    public long ResolvedOnTime { get; set; }

    public readonly bool IsZero => Equals(default);

    public void Add(in DayCounts other, long sign = 1)
    {
        Received += sign * other.Received;
        Online += sign * other.Online;
        WithFee += sign * other.WithFee;
        WithFeePaidOnline += sign * other.WithFeePaidOnline;
        Digitized += sign * other.Digitized;
        Reused += sign * other.Reused;
        PaidOnline += sign * other.PaidOnline;
        Resolved += sign * other.Resolved;
        ResolvedEResult += sign * other.ResolvedEResult;
        ResolvedWithDue += sign * other.ResolvedWithDue;
        ResolvedOnTime += sign * other.ResolvedOnTime;
    }

    public readonly bool Equals(DayCounts other) =>
        Received == other.Received && Online == other.Online && WithFee == other.WithFee
        && WithFeePaidOnline == other.WithFeePaidOnline && Digitized == other.Digitized && Reused == other.Reused
        && PaidOnline == other.PaidOnline && Resolved == other.Resolved && ResolvedEResult == other.ResolvedEResult
        && ResolvedWithDue == other.ResolvedWithDue && ResolvedOnTime == other.ResolvedOnTime;

    public override readonly bool Equals(object? obj) => obj is DayCounts other && Equals(other);

    public override readonly int GetHashCode() => HashCode.Combine(Received, Online, Resolved, ResolvedEResult);

    public static bool operator ==(DayCounts left, DayCounts right) => left.Equals(right);

    public static bool operator !=(DayCounts left, DayCounts right) => !left.Equals(right);
}
