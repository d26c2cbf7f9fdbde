
namespace KpiIngest.Data.Store;

/// <summary>
/// kpi_job_claim: instances sharing a store claim each scheduled firing of a job before running it, so a firing
/// runs once however many instances fire it (the high-availability pair of issue 5).
/// </summary>
public sealed class JobClaimStore(StoreCommands store)
{
    /// <summary>True when this holder claimed the firing (it runs it); false when another instance already had.</summary>
    public bool TryClaim(string job, DateTimeOffset fireTime, string holder, DateTimeOffset now) =>
        store.Changed(
            "ClaimJobFiring",
            new { job, fireTime = store.Dialect.Utc(fireTime), holder, at = store.Dialect.Utc(now) }) == 1;
}
