namespace KpiIngest.Core.Source;

/// <summary>
/// The optional source columns present in the province's views (scorecard.md, "Optional source columns"):
/// each one present turns a PROXY or MISSING scorecard item into an EXACT one.
/// </summary>
[Flags]
public enum OptionalColumns
{
    None = 0,

    /// <summary>src_dossier.synced_to_portal (0/1).</summary>
    SyncedToPortal = 1,

    /// <summary>src_dossier.complaint_or_dislike (0/1).</summary>
    ComplaintOrDislike = 2,

    /// <summary>src_dossier.from_personal_storage (0/1).</summary>
    FromPersonalStorage = 4,

    /// <summary>src_dossier.citizen_data_used (0/1).</summary>
    CitizenDataUsed = 8,

    /// <summary>src_procedure.citizen_subject (0/1).</summary>
    CitizenSubject = 16,
}
