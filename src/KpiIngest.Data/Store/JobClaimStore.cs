using System.Data.Common;
using Dapper;
using KpiIngest.Data.Store.Dialects;

namespace KpiIngest.Data.Store;

/// <summary>
/// kpi_job_claim: instances sharing a store claim each scheduled firing of a job before running it, so a firing
/// runs once however many instances fire it (the high-availability pair of issue 5).
/// </summary>
public sealed class JobClaimStore(DbConnection connection, StoreDialect dialect)
{
    /// <summary>True when this holder claimed the firing (it runs it); false when another instance already had.</summary>
    public bool TryClaim(string job, DateTimeOffset fireTime, string holder, DateTimeOffset now) =>
        connection.Execute(
            dialect.Sql("ClaimJobFiring"),
            new { job, fireTime = dialect.Utc(fireTime), holder, at = dialect.Utc(now) }) == 1;
}
