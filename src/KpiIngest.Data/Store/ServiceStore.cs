namespace KpiIngest.Data.Store;

/// <summary>What retention deleted.</summary>
public sealed record RetentionResult(int SnapshotRows, int Runs, int QuarantineRows);

/// <summary>
/// The service's own reads and writes beyond runs: retention (operations.md, "Retention"), the figures /metrics
/// publishes.
/// </summary>
public sealed class ServiceStore(StoreCommands store)
{
    /// <summary>
    /// Deletes snapshot rows (and their scorecard rows) dated before <paramref name="keepDailyFrom"/> except month ends
    /// (year ends are month ends), runs (and job claims) started before <paramref name="keepRunsFrom"/> except the latest SUCCEEDED run of each kind (make-up
    /// runs are derived from it), and quarantine rows cleared before <paramref name="keepClearedFrom"/>.
    /// </summary>
    public RetentionResult ApplyRetention(DateOnly keepDailyFrom, DateTimeOffset keepRunsFrom, DateTimeOffset keepClearedFrom)
    {
        using var transaction = store.BeginWrite();
        var snapshots = store.Changed("DeleteOldDailySnapshots", new { from = store.Dialect.Day(keepDailyFrom) });

        // The scorecard rows go with the snapshot rows of their date, by the same rule (scorecard.md, "Where it goes").
        store.Changed("DeleteOldDailyScorecards", new { from = store.Dialect.Day(keepDailyFrom) });
        var runs = store.Changed("DeleteOldRuns", new { from = store.Dialect.Utc(keepRunsFrom) });
        store.Write(store.Dialect.Sql("DeleteOldJobClaims"), new { from = store.Dialect.Utc(keepRunsFrom) });
        var quarantine = store.Changed("DeleteOldClearedQuarantine", new { from = store.Dialect.Utc(keepClearedFrom) });
        transaction.Commit();
        return new RetentionResult(snapshots, runs, quarantine);
    }

    public long CountDossiers() => store.Scalar<long>(store.Dialect.Sql("CountFacts"));

    /// <summary>Active (not cleared) quarantine rows per relation.</summary>
    public IReadOnlyList<(string Relation, long Count)> CountQuarantinedByRelation() =>
        [.. store.Query<(string, long)>(store.Dialect.Sql("CountActiveQuarantineByRelation"))];

    /// <summary>OPEN alerts per severity.</summary>
    public IReadOnlyList<(string Severity, long Count)> CountOpenAlertsBySeverity() =>
        [.. store.Query<(string, long)>(store.Dialect.Sql("CountOpenAlertsBySeverity"))];

    public DateOnly? LatestSnapshotDate() => StoreValue.NullableDay(store.Scalar(store.Dialect.Sql("LatestSnapshotDate")));
}
