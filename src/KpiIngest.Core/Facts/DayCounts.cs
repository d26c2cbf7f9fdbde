namespace KpiIngest.Core.Facts;

/// <summary>
/// The additive counts one (unit, procedure, local day) holds (design.md, "Why a daily-pair table"):
/// received-day counts and resolved-day counts. Every indicator is a sum of these over a period, plus
/// "sum &gt; 0" per catalog pair for indicators 6 and 7.
/// </summary>
public struct DayCounts : IEquatable<DayCounts>
{
    /// <summary>How many counts a day holds.</summary>
    public const int Count = 17;

    private Values _values;

    /// <summary>
    /// kpi_daily_pair's column of each count, in the order of <see cref="this[int]"/>: the one list the store's
    /// reads, writes and staging tables follow (the SQL files name the same columns for a DBA to read).
    /// </summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "received", "online", "with_fee", "with_fee_paid_online", "digitized", "reused",
        "paid_online", "resolved", "resolved_e_result", "resolved_with_due", "resolved_on_time",
        "received_e_result", "digitized_e_result", "synced", "complaint", "personal_storage", "citizen_data",
    ];

    /// <summary>Received (status not 1 or 3) on this day.</summary>
    public long Received { readonly get => _values[0]; set => _values[0] = value; }

    /// <summary>Of Received, channel = 2.</summary>
    public long Online { readonly get => _values[1]; set => _values[1] = value; }

    /// <summary>Of Received, fee_amount &gt; 0.</summary>
    public long WithFee { readonly get => _values[2]; set => _values[2] = value; }

    /// <summary>Of WithFee, paid_online in (1, 2).</summary>
    public long WithFeePaidOnline { readonly get => _values[3]; set => _values[3] = value; }

    /// <summary>Of Received, digitized = 1.</summary>
    public long Digitized { readonly get => _values[4]; set => _values[4] = value; }

    /// <summary>Of Received, reused_data = 1.</summary>
    public long Reused { readonly get => _values[5]; set => _values[5] = value; }

    /// <summary>Of Received, paid_online in (1, 2) whatever the fee (indicator 7).</summary>
    public long PaidOnline { readonly get => _values[6]; set => _values[6] = value; }

    /// <summary>Resolved (status 9 or 10) on this day.</summary>
    public long Resolved { readonly get => _values[7]; set => _values[7] = value; }

    /// <summary>Of Resolved, e_result = 1.</summary>
    public long ResolvedEResult { readonly get => _values[8]; set => _values[8] = value; }

    /// <summary>Of Resolved, due_at not null.</summary>
    public long ResolvedWithDue { readonly get => _values[9]; set => _values[9] = value; }

    /// <summary>Of ResolvedWithDue, resolved_at &lt;= due_at.</summary>
    public long ResolvedOnTime { readonly get => _values[10]; set => _values[10] = value; }

    /// <summary>Of Received, e_result = 1 (the scorecard's E_RESULT_AVAILABLE counts by received day).</summary>
    public long ReceivedEResult { readonly get => _values[11]; set => _values[11] = value; }

    /// <summary>Of Digitized, e_result = 1 (DIGITIZED_DOSSIERS, with the pair's requires_result).</summary>
    public long DigitizedEResult { readonly get => _values[12]; set => _values[12] = value; }

    /// <summary>Of Received, synced_to_portal = 1 (optional column; 0 when absent).</summary>
    public long Synced { readonly get => _values[13]; set => _values[13] = value; }

    /// <summary>Of Received, complaint_or_dislike = 1 (optional column; 0 when absent).</summary>
    public long Complaint { readonly get => _values[14]; set => _values[14] = value; }

    /// <summary>Of Received, from_personal_storage = 1 (optional column; 0 when absent).</summary>
    public long PersonalStorage { readonly get => _values[15]; set => _values[15] = value; }

    /// <summary>Of Received, citizen_data_used = 1 (optional column; 0 when absent).</summary>
    public long CitizenData { readonly get => _values[16]; set => _values[16] = value; }

    /// <summary>The count in position <paramref name="index"/> of <see cref="Columns"/>.</summary>
    public long this[int index]
    {
        readonly get => _values[index];
        set => _values[index] = value;
    }

    public readonly bool IsZero => Equals(default);

    public void Add(in DayCounts other, long sign = 1)
    {
        for (var i = 0; i < Count; i++)
        {
            _values[i] += sign * other._values[i];
        }
    }

    public readonly bool Equals(DayCounts other) =>
        ((ReadOnlySpan<long>)_values).SequenceEqual(other._values);

    public override readonly bool Equals(object? obj) => obj is DayCounts other && Equals(other);

    public override readonly int GetHashCode() => HashCode.Combine(Received, Online, Resolved, ResolvedEResult);

    public static bool operator ==(DayCounts left, DayCounts right) => left.Equals(right);

    public static bool operator !=(DayCounts left, DayCounts right) => !left.Equals(right);

    [System.Runtime.CompilerServices.InlineArray(Count)]
    private struct Values
    {
        private long _first;
    }
}
