using System.Data.Common;
using Dapper;
using KpiIngest.Data.Store.Dialects;

namespace KpiIngest.Data.Store;

/// <summary>What retention deleted.</summary>
public sealed record RetentionResult(int SnapshotRows, int Runs, int QuarantineRows);

/// <summary>
/// The service's own reads and writes beyond runs: retention (operations.md, "Retention"), the figures /metrics
/// publishes, and the OPS notification state kept in kpi_state.
/// </summary>
public sealed class ServiceStore(DbConnection connection, StoreDialect dialect)
{
    /// <summary>kpi_state: the OPS problem last notified and not yet notified as recovered, or null.</summary>
    public const string OpsProblem = "ops:problem";

    /// <summary>
    /// Deletes snapshot rows dated before <paramref name="keepDailyFrom"/> except month ends (year ends are month
    /// ends), runs (and job claims) started before <paramref name="keepRunsFrom"/> except the latest SUCCEEDED run of each kind (make-up
    /// runs are derived from it), and quarantine rows cleared before <paramref name="keepClearedFrom"/>.
    /// </summary>
    public RetentionResult ApplyRetention(DateOnly keepDailyFrom, DateTimeOffset keepRunsFrom, DateTimeOffset keepClearedFrom)
    {
        using var transaction = dialect.BeginWrite(connection);
        var snapshots = connection.Execute(dialect.Sql("DeleteOldDailySnapshots"), new { from = dialect.Day(keepDailyFrom) }, transaction);
        var runs = connection.Execute(dialect.Sql("DeleteOldRuns"), new { from = dialect.Utc(keepRunsFrom) }, transaction);
        connection.Execute(dialect.Sql("DeleteOldJobClaims"), new { from = dialect.Utc(keepRunsFrom) }, transaction);
        var quarantine = connection.Execute(dialect.Sql("DeleteOldClearedQuarantine"), new { from = dialect.Utc(keepClearedFrom) }, transaction);
        transaction.Commit();
        return new RetentionResult(snapshots, runs, quarantine);
    }

    public long CountDossiers() => connection.ExecuteScalar<long>(dialect.Sql("CountFacts"));

    /// <summary>Active (not cleared) quarantine rows per relation.</summary>
    public IReadOnlyList<(string Relation, long Count)> CountQuarantinedByRelation() =>
        [.. connection.Query<(string, long)>(dialect.Sql("CountActiveQuarantineByRelation"))];

    /// <summary>OPEN alerts per severity.</summary>
    public IReadOnlyList<(string Severity, long Count)> CountOpenAlertsBySeverity() =>
        [.. connection.Query<(string, long)>(dialect.Sql("CountOpenAlertsBySeverity"))];

    public DateOnly? LatestSnapshotDate() => StoreValue.NullableDay(connection.ExecuteScalar(dialect.Sql("LatestSnapshotDate")));
}
