using Dapper;
using Microsoft.Data.Sqlite;

namespace KpiIngest.Data.Store;

/// <summary>What retention deleted.</summary>
public sealed record RetentionResult(int SnapshotRows, int Runs, int QuarantineRows);

/// <summary>
/// The service's own reads and writes beyond runs: retention (operations.md, "Retention"), the figures /metrics
/// publishes, and the OPS notification state kept in kpi_state.
/// </summary>
public sealed class ServiceStore(SqliteConnection connection)
{
    /// <summary>kpi_state: the OPS problem last notified and not yet notified as recovered, or null.</summary>
    public const string OpsProblem = "ops:problem";

    /// <summary>
    /// Deletes snapshot rows dated before <paramref name="keepDailyFrom"/> except month ends (year ends are month
    /// ends), runs started before <paramref name="keepRunsFrom"/> except the latest SUCCEEDED run of each kind (make-up
    /// runs are derived from it), and quarantine rows cleared before <paramref name="keepClearedFrom"/>.
    /// </summary>
    public RetentionResult ApplyRetention(DateOnly keepDailyFrom, DateTimeOffset keepRunsFrom, DateTimeOffset keepClearedFrom)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        var snapshots = connection.Execute(
            """
            DELETE FROM kpi_snapshot
            WHERE snapshot_date < @from AND strftime('%d', snapshot_date, '+1 day') <> '01'
            """,
            new { from = StoreFormat.Day(keepDailyFrom) },
            transaction);
        var runs = connection.Execute(
            """
            DELETE FROM kpi_run
            WHERE started_at < @from AND status <> 'RUNNING'
              AND run_id NOT IN (SELECT MAX(run_id) FROM kpi_run WHERE status = 'SUCCEEDED' GROUP BY kind)
            """,
            new { from = StoreFormat.Utc(keepRunsFrom) },
            transaction);
        var quarantine = connection.Execute(
            "DELETE FROM kpi_quarantine WHERE cleared_at IS NOT NULL AND cleared_at < @from",
            new { from = StoreFormat.Utc(keepClearedFrom) },
            transaction);
        transaction.Commit();
        return new RetentionResult(snapshots, runs, quarantine);
    }

    public long CountDossiers() => connection.ExecuteScalar<long>("SELECT COUNT(*) FROM kpi_dossier_fact");

    /// <summary>Active (not cleared) quarantine rows per relation.</summary>
    public IReadOnlyList<(string Relation, long Count)> CountQuarantinedByRelation() =>
        [.. connection.Query<(string, long)>(
            "SELECT relation, COUNT(*) FROM kpi_quarantine WHERE cleared_at IS NULL GROUP BY relation ORDER BY relation")];

    /// <summary>OPEN alerts per severity.</summary>
    public IReadOnlyList<(string Severity, long Count)> CountOpenAlertsBySeverity() =>
        [.. connection.Query<(string, long)>(
            "SELECT severity, COUNT(*) FROM kpi_alert WHERE status = 'OPEN' GROUP BY severity ORDER BY severity")];

    public DateOnly? LatestSnapshotDate() =>
        StoreFormat.ParseNullableDay(connection.ExecuteScalar<string?>("SELECT MAX(snapshot_date) FROM kpi_snapshot"));
}
