
namespace KpiIngest.Data.Store;

/// <summary>kpi_run: every run is recorded when it starts and when it ends, whatever the outcome.</summary>
public sealed class RunLog(StoreCommands store)
{
    /// <summary>
    /// Records a new RUNNING run for snapshot date <paramref name="asOf"/>; a run still RUNNING from before was cut off
    /// (crash, kill) and is marked ABANDONED. That is safe only because the caller holds the run lease (kpi_lease):
    /// no other live process can be running, so any RUNNING row is a dead one's.
    /// </summary>
    public long Start(string kind, DateTimeOffset now, DateOnly? asOf = null)
    {
        using var transaction = store.BeginWrite();
        store.Write(store.Dialect.Sql("AbandonRunningRuns"), new { at = store.Dialect.Utc(now) });
        var runId = Insert(kind, "RUNNING", asOf, now, finishedAt: null, error: null);
        transaction.Commit();
        return runId;
    }

    /// <summary>Records a run that could not start at all (the run lease stayed taken): FAILED, other rows untouched.</summary>
    public long RecordRefused(string kind, DateOnly? asOf, DateTimeOffset startedAt, DateTimeOffset now, string error) =>
        Insert(kind, "FAILED", asOf, startedAt, now, error);

    public void Finish(long runId, RunCounts counts, bool succeeded, string? error, DateTimeOffset now) =>
        store.Execute(
            store.Dialect.Sql("FinishRun"),
            new
            {
                runId,
                at = store.Dialect.Utc(now),
                status = succeeded ? "SUCCEEDED" : "FAILED",
                error,
                counts.DossiersRead,
                counts.DossiersUpserted,
                counts.DossiersDeleted,
                counts.DossiersQuarantined,
                counts.DossiersUncatalogued,
                counts.UnitsQuarantined,
                counts.ProceduresQuarantined,
                counts.SnapshotsWritten,
                counts.AlertsOpened,
                counts.AlertsClosed,
                counts.EmailsSent,
                counts.EmailsFailed,
            });

    private long Insert(string kind, string status, DateOnly? asOf, DateTimeOffset startedAt, DateTimeOffset? finishedAt,
        string? error) =>
        store.Scalar<long>(
            store.Dialect.Sql("InsertRun"),
            new
            {
                kind,
                status,
                asOf = store.Dialect.Day(asOf),
                startedAt = store.Dialect.Utc(startedAt),
                finishedAt = store.Dialect.Utc(finishedAt),
                error,
            });
}
