namespace KpiIngest.Demo;

/// <summary>
/// One ho_so row and its fee lines. Mutable and reused row after row: the generator writes millions and
/// must not allocate a record per dossier.
/// </summary>
internal sealed class HoSoRow
{
    public string Id { get; set; } = "";

    public string Code { get; set; } = "";

    public string UnitId { get; set; } = "";

    public string ProcedureCode { get; set; } = "";

    public int Channel { get; set; }

    public int Status { get; set; }

    public DateTime? ReceivedAt { get; set; }

    public DateTime? DueAt { get; set; }

    public DateTime? ResolvedAt { get; set; }

    public int PaidOnline { get; set; }

    public bool Digitized { get; set; }

    public bool EResult { get; set; }

    public bool Reused { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>The lệ phí line in đồng; 0: none.</summary>
    public long Fee { get; set; }

    /// <summary>A second, smaller phí line in đồng; 0: none.</summary>
    public long Charge { get; set; }
}

/// <summary>
/// Decides what a dossier looks like: channel, dates, status and flags, from its unit's profile and its
/// catalog pair. The only place where those rules live, shared by the generator and the simulator.
/// </summary>
internal sealed class DossierFactory(Random random)
{
    /// <summary>
    /// A dossier received at <paramref name="at"/> as it stands at <paramref name="dataEnd"/>: resolved
    /// when its processing time fits before then, else still open.
    /// </summary>
    public void FillHistorical(HoSoRow row, UnitModel unit, PairModel? pair, ProcedureModel procedure, DateTime at, DateTime dataEnd)
    {
        var profile = unit.Profile;
        var online = FillCommon(row, unit, pair, procedure, at);
        var due = row.DueAt!.Value;
        var resolved = profile.OnTime > random.NextDouble()
            ? at + Fraction(due - at, 0.15, 1.0)
            : due + TimeSpan.FromMinutes(random.Next(30, 12 * 24 * 60));
        if (resolved <= at)
        {
            resolved = at.AddMinutes(10);
        }

        var lastEvent = at;
        var r = random.NextDouble();
        if (r < 0.004)
        {
            // Refused at reception (từ chối): never received.
            row.Status = 3;
            row.ReceivedAt = null;
            row.DueAt = null;
            lastEvent = Min(at.AddMinutes(random.Next(5, 240)), dataEnd);
        }
        else if (r < 0.0075)
        {
            // Withdrawn by the citizen (7) or stopped (8) before it was resolved.
            row.Status = r < 0.0065 ? 7 : 8;
            lastEvent = at + Fraction(Min(Min(due, resolved), dataEnd) - at, 0, 1);
        }
        else if (resolved > dataEnd)
        {
            if (online && dataEnd - at < TimeSpan.FromDays(2) && random.NextDouble() < 0.35)
            {
                // Submitted online, not yet taken in by an officer.
                row.Status = 1;
                row.ReceivedAt = null;
                row.DueAt = null;
            }
            else
            {
                var s = random.NextDouble();
                row.Status = dataEnd - at < TimeSpan.FromDays(1) && s < 0.3 ? 2
                    : s < 0.75 ? 4
                    : s < 0.88 || row.Fee + row.Charge == 0 ? 5
                    : 6;
                lastEvent = at + Fraction(dataEnd - at, 0, 1);
            }
        }
        else
        {
            row.ResolvedAt = resolved;
            lastEvent = resolved;
            if (random.NextDouble() < 0.8)
            {
                // Result handed back (10), usually within a few days of processing.
                row.Status = 10;
                lastEvent = Min(resolved + TimeSpan.FromMinutes(random.Next(0, 3 * 24 * 60)), dataEnd);
            }
            else
            {
                row.Status = 9;
            }

            row.EResult = (pair?.RequiresResult ?? true) && profile.EResult > random.NextDouble();
        }

        if (row.Status is not (1 or 3 or 6))
        {
            row.PaidOnline = PaidOnline(profile, pair, row.Fee + row.Charge, online);
        }

        row.UpdatedAt = Max(lastEvent, Min(lastEvent.AddSeconds(random.Next(1, 60)), dataEnd));
    }

    /// <summary>A dossier that has just arrived at <paramref name="at"/>: received, or (online) still new.</summary>
    public void FillNew(HoSoRow row, UnitModel unit, PairModel pair, DateTime at)
    {
        var online = FillCommon(row, unit, pair, pair.Procedure, at);
        if (online && random.NextDouble() < 0.1)
        {
            row.Status = 1;
            row.ReceivedAt = null;
            row.DueAt = null;
        }
        else
        {
            row.Status = 2;
            // Online fees are usually paid while submitting.
            row.PaidOnline = online ? PaidOnline(unit.Profile, pair, row.Fee + row.Charge, online) : 0;
        }

        row.UpdatedAt = at;
    }

    /// <summary>Whether resolving now issues an electronic result.</summary>
    public bool IssuesEResult(UnitModel unit, PairModel? pair) =>
        (pair?.RequiresResult ?? true) && unit.Profile.EResult > random.NextDouble();

    /// <summary>How a dossier with a fee is paid now: 1 national platform, 2 provincial gateway, 0 at the counter.</summary>
    public int PaidOnline(UnitProfile profile, PairModel? pair, long feeAmount, bool online) =>
        feeAmount > 0 && pair is { OnlinePayment: true } && profile.Pay * (online ? 1.0 : 0.6) > random.NextDouble()
            ? random.NextDouble() < 0.6 ? 1 : 2
            : 0;

    public static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    public static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    /// <summary>Sets everything but status and resolution; returns whether the dossier came online.</summary>
    private bool FillCommon(HoSoRow row, UnitModel unit, PairModel? pair, ProcedureModel procedure, DateTime at)
    {
        var profile = unit.Profile;
        var mode = pair?.OnlineMode ?? procedure.DefaultMode;
        var online = mode >= 3 && profile.Online * (mode == 4 ? 1.0 : 0.6) > random.NextDouble();

        row.UnitId = unit.Id;
        row.ProcedureCode = procedure.Code;
        row.Channel = online ? 2 : random.NextDouble() < 0.03 ? 3 : 1;
        row.ReceivedAt = at;
        row.DueAt = WorkCalendar.DueAt(at, procedure.Days);
        row.ResolvedAt = null;
        row.PaidOnline = 0;
        row.EResult = false;
        row.Digitized = (online ? 0.97 : profile.Digitized) > random.NextDouble();
        row.Reused = profile.Reuse > random.NextDouble();

        // Some citizens are exempt (miễn lệ phí); some dossiers carry an extra charge (phí) besides the fee.
        var hasFee = (pair?.HasFee ?? true) && procedure.Fee > 0 && random.NextDouble() >= 0.08;
        row.Fee = hasFee ? procedure.Fee : 0;
        row.Charge = hasFee && random.NextDouble() < 0.1 ? Math.Max(1_000, procedure.Fee / 5 / 1_000 * 1_000) : 0;
        return online;
    }

    private TimeSpan Fraction(TimeSpan span, double from, double to) =>
        span <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Floor(span.TotalSeconds * (from + ((to - from) * random.NextDouble()))));
}
