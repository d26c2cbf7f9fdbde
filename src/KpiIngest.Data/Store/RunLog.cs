using Dapper;
using Microsoft.Data.Sqlite;

namespace KpiIngest.Data.Store;

/// <summary>kpi_run: every run is recorded when it starts and when it ends, whatever the outcome.</summary>
public sealed class RunLog(SqliteConnection connection)
{
    /// <summary>
    /// Records a new RUNNING run for snapshot date <paramref name="asOf"/>; a run still RUNNING from before was cut off
    /// (crash, kill) and is marked ABANDONED. That is safe only because the caller holds the run lease (kpi_lease):
    /// no other live process can be running, so any RUNNING row is a dead one's.
    /// </summary>
    public long Start(string kind, DateTimeOffset now, DateOnly? asOf = null)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        var at = StoreFormat.Utc(now);
        connection.Execute(
            """
            UPDATE kpi_run SET status = 'ABANDONED', finished_at = @at,
                   error = COALESCE(error, 'found RUNNING by a later run: the process stopped before recording its end')
            WHERE status = 'RUNNING'
            """,
            new { at },
            transaction);
        var runId = connection.ExecuteScalar<long>(
            "INSERT INTO kpi_run (kind, started_at, status, as_of) VALUES (@kind, @at, 'RUNNING', @asOf) RETURNING run_id",
            new { kind, at, asOf = StoreFormat.Day(asOf) },
            transaction);
        transaction.Commit();
        return runId;
    }

    /// <summary>Records a run that could not start at all (the run lease stayed taken): FAILED, other rows untouched.</summary>
    public long RecordRefused(string kind, DateOnly? asOf, DateTimeOffset startedAt, DateTimeOffset now, string error) =>
        connection.ExecuteScalar<long>(
            """
            INSERT INTO kpi_run (kind, started_at, finished_at, status, as_of, error)
            VALUES (@kind, @startedAt, @at, 'FAILED', @asOf, @error) RETURNING run_id
            """,
            new { kind, startedAt = StoreFormat.Utc(startedAt), at = StoreFormat.Utc(now), asOf = StoreFormat.Day(asOf), error });

    public void Finish(long runId, RunCounts counts, bool succeeded, string? error, DateTimeOffset now) =>
        connection.Execute(
            """
            UPDATE kpi_run SET finished_at = @at, status = @status, error = @error,
                   dossiers_read = @DossiersRead, dossiers_upserted = @DossiersUpserted,
                   dossiers_deleted = @DossiersDeleted, dossiers_quarantined = @DossiersQuarantined,
                   dossiers_uncatalogued = @DossiersUncatalogued, units_quarantined = @UnitsQuarantined,
                   procedures_quarantined = @ProceduresQuarantined, snapshots_written = @SnapshotsWritten,
                   alerts_opened = @AlertsOpened, alerts_closed = @AlertsClosed,
                   emails_sent = @EmailsSent, emails_failed = @EmailsFailed
            WHERE run_id = @runId
            """,
            new
            {
                runId,
                at = StoreFormat.Utc(now),
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
}
