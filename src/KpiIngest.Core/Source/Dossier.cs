namespace KpiIngest.Core.Source;

/// <summary>
/// A src_dossier row that passed the contract's checks, its timestamps already read as local wall-clock
/// times of Source:TimeZone (offsets converted). The four optional flags are false when the view lacks the column.
/// </summary>
public sealed record Dossier(
    string DossierId,
    string? DossierCode,
    string UnitId,
    string ProcedureCode,
    int Channel,
    int Status,
    DateTime? ReceivedAt,
    DateTime? DueAt,
    DateTime? ResolvedAt,
    decimal? FeeAmount,
    int PaidOnline,
    bool Digitized,
    bool EResult,
    bool ReusedData,
    DateTime UpdatedAt,
    bool SyncedToPortal = false,
    bool ComplaintOrDislike = false,
    bool FromPersonalStorage = false,
    bool CitizenDataUsed = false)
{
    /// <summary>Received: status not 1 (new) nor 3 (refused).</summary>
    public static bool IsReceivedStatus(int status) => status is not (1 or 3);

    /// <summary>Resolved: status 9 (processed) or 10 (result returned).</summary>
    public static bool IsResolvedStatus(int status) => status is 9 or 10;

    public bool IsReceived => IsReceivedStatus(Status) && ReceivedAt is not null;

    public bool IsResolved => IsResolvedStatus(Status) && ResolvedAt is not null;
}
