namespace KpiIngest.Data.Store;

/// <summary>A finished or running row of kpi_run, as the service reads it back.</summary>
public sealed record RunRecord(
    long RunId,
    string Kind,
    string Status,
    DateOnly? AsOf,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    string? Error,
    long DossiersRead,
    long DossiersUpserted,
    long DossiersQuarantined,
    long SnapshotsWritten)
{
    public TimeSpan? Duration => FinishedAt - StartedAt;
}

/// <summary>
/// kpi_run: every run is recorded when it starts and when it ends, whatever the outcome, and read back: the service
/// derives its make-up runs, its OPS watch, its readiness and its metrics from the store rather than from memory, so
/// a restart, a CLI run or another instance count as much as its own jobs.
/// </summary>
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

    /// <summary>The latest snapshot date a run of <paramref name="kind"/> SUCCEEDED for (the last day closed, for day-close).</summary>
    public DateOnly? LastSucceededAsOf(string kind) =>
        StoreValue.NullableDay(store.Scalar(store.Dialect.Sql("LastSucceededAsOf"), new { kind }));

    /// <summary>When the latest SUCCEEDED run of <paramref name="kind"/> finished.</summary>
    public DateTimeOffset? LastSucceededAt(string kind) =>
        StoreValue.NullableUtc(store.Scalar(store.Dialect.Sql("LastSucceededAt"), new { kind }));

    /// <summary>The latest runs that have ended (any status but RUNNING), newest first.</summary>
    public IReadOnlyList<RunRecord> LatestFinished(int count) => ReadRuns(store.Dialect.Sql("LatestFinishedRuns"), new { count });

    /// <summary>The latest ended run of each kind.</summary>
    public IReadOnlyList<RunRecord> LatestFinishedPerKind() => ReadRuns(store.Dialect.Sql("LatestFinishedRunPerKind"), null);

    /// <summary>When the latest SUCCEEDED run of each kind finished.</summary>
    public IReadOnlyList<(string Kind, DateTimeOffset FinishedAt)> LastSucceededPerKind()
    {
        var runs = new List<(string, DateTimeOffset)>();
        using var reader = store.Reader(store.Dialect.Sql("LastSucceededPerKind"));
        while (reader.Read())
        {
            runs.Add((reader.GetString(0), StoreValue.Utc(reader.GetValue(1))));
        }

        return runs;
    }

    /// <summary>Runs recorded per (kind, status), within what retention kept.</summary>
    public IReadOnlyList<(string Kind, string Status, long Count)> CountByKindAndStatus() =>
        [.. store.Query<(string, string, long)>(store.Dialect.Sql("CountRunsByKindAndStatus"))];

    private List<RunRecord> ReadRuns(string sql, object? parameters)
    {
        var runs = new List<RunRecord>();
        using var reader = store.Reader(sql, parameters);
        while (reader.Read())
        {
            runs.Add(new RunRecord(
                StoreValue.Number(reader.GetValue(0)),
                reader.GetString(1),
                reader.GetString(2),
                StoreValue.NullableDay(reader.GetValue(3)),
                StoreValue.Utc(reader.GetValue(4)),
                StoreValue.NullableUtc(reader.GetValue(5)),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                StoreValue.Number(reader.GetValue(7)),
                StoreValue.Number(reader.GetValue(8)),
                StoreValue.Number(reader.GetValue(9)),
                StoreValue.Number(reader.GetValue(10))));
        }

        return runs;
    }
}
