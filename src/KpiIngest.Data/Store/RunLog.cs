using System.Data.Common;
using Dapper;
using KpiIngest.Data.Store.Dialects;

namespace KpiIngest.Data.Store;

/// <summary>kpi_run: every run is recorded when it starts and when it ends, whatever the outcome.</summary>
public sealed class RunLog(DbConnection connection, StoreDialect dialect)
{
    /// <summary>
    /// Records a new RUNNING run for snapshot date <paramref name="asOf"/>; a run still RUNNING from before was cut off
    /// (crash, kill) and is marked ABANDONED. That is safe only because the caller holds the run lease (kpi_lease):
    /// no other live process can be running, so any RUNNING row is a dead one's.
    /// </summary>
    public long Start(string kind, DateTimeOffset now, DateOnly? asOf = null)
    {
        using var transaction = dialect.BeginWrite(connection);
        connection.Execute(dialect.Sql("AbandonRunningRuns"), new { at = dialect.Utc(now) }, transaction);
        var runId = Insert(kind, "RUNNING", asOf, now, finishedAt: null, error: null, transaction);
        transaction.Commit();
        return runId;
    }

    /// <summary>Records a run that could not start at all (the run lease stayed taken): FAILED, other rows untouched.</summary>
    public long RecordRefused(string kind, DateOnly? asOf, DateTimeOffset startedAt, DateTimeOffset now, string error) =>
        Insert(kind, "FAILED", asOf, startedAt, now, error, transaction: null);

    public void Finish(long runId, RunCounts counts, bool succeeded, string? error, DateTimeOffset now) =>
        connection.Execute(
            dialect.Sql("FinishRun"),
            new
            {
                runId,
                at = dialect.Utc(now),
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
        string? error, DbTransaction? transaction) =>
        connection.ExecuteScalar<long>(
            dialect.Sql("InsertRun"),
            new
            {
                kind,
                status,
                asOf = dialect.Day(asOf),
                startedAt = dialect.Utc(startedAt),
                finishedAt = dialect.Utc(finishedAt),
                error,
            },
            transaction);
}
