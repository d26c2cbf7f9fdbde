
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
/// Reads kpi_run back: the service derives its make-up runs, its OPS watch, its readiness and its metrics from the
/// store rather than from memory, so a restart, a CLI run or another instance count as much as its own jobs.
/// </summary>
public sealed class RunHistory(StoreCommands store)
{
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
