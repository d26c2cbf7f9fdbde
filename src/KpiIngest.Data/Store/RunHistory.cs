using Dapper;
using Microsoft.Data.Sqlite;

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
public sealed class RunHistory(SqliteConnection connection)
{
    private const string Columns = """
        run_id AS RunId, kind AS Kind, status AS Status, as_of AS AsOf, started_at AS StartedAt,
        finished_at AS FinishedAt, error AS Error, dossiers_read AS DossiersRead, dossiers_upserted AS DossiersUpserted,
        dossiers_quarantined AS DossiersQuarantined, snapshots_written AS SnapshotsWritten
        """;

    /// <summary>The latest snapshot date a run of <paramref name="kind"/> SUCCEEDED for (the last day closed, for day-close).</summary>
    public DateOnly? LastSucceededAsOf(string kind) =>
        StoreFormat.ParseNullableDay(connection.ExecuteScalar<string?>(
            "SELECT MAX(as_of) FROM kpi_run WHERE kind = @kind AND status = 'SUCCEEDED'", new { kind }));

    /// <summary>When the latest SUCCEEDED run of <paramref name="kind"/> finished.</summary>
    public DateTimeOffset? LastSucceededAt(string kind) =>
        connection.ExecuteScalar<string?>(
            "SELECT MAX(finished_at) FROM kpi_run WHERE kind = @kind AND status = 'SUCCEEDED'", new { kind }) is { } text
            ? LeaseStore.ParseUtc(text)
            : null;

    /// <summary>The latest runs that have ended (any status but RUNNING), newest first.</summary>
    public IReadOnlyList<RunRecord> LatestFinished(int count) =>
        [.. connection.Query<RunRow>(
                $"SELECT {Columns} FROM kpi_run WHERE status <> 'RUNNING' ORDER BY run_id DESC LIMIT @count", new { count })
            .Select(r => r.ToRecord())];

    /// <summary>The latest ended run of each kind.</summary>
    public IReadOnlyList<RunRecord> LatestFinishedPerKind() =>
        [.. connection.Query<RunRow>(
                $"""
                SELECT {Columns} FROM kpi_run
                WHERE run_id IN (SELECT MAX(run_id) FROM kpi_run WHERE status <> 'RUNNING' GROUP BY kind)
                ORDER BY kind
                """)
            .Select(r => r.ToRecord())];

    /// <summary>When the latest SUCCEEDED run of each kind finished.</summary>
    public IReadOnlyList<(string Kind, DateTimeOffset FinishedAt)> LastSucceededPerKind() =>
        [.. connection.Query<(string Kind, string FinishedAt)>(
                """
                SELECT kind, MAX(finished_at) FROM kpi_run
                WHERE status = 'SUCCEEDED' AND finished_at IS NOT NULL GROUP BY kind ORDER BY kind
                """)
            .Select(r => (r.Kind, LeaseStore.ParseUtc(r.FinishedAt)))];

    /// <summary>Runs recorded per (kind, status), within what retention kept.</summary>
    public IReadOnlyList<(string Kind, string Status, long Count)> CountByKindAndStatus() =>
        [.. connection.Query<(string, string, long)>(
            "SELECT kind, status, COUNT(*) FROM kpi_run GROUP BY kind, status ORDER BY kind, status")];

    private sealed class RunRow
    {
        public long RunId { get; init; }
        public string Kind { get; init; } = "";
        public string Status { get; init; } = "";
        public string? AsOf { get; init; }
        public string StartedAt { get; init; } = "";
        public string? FinishedAt { get; init; }
        public string? Error { get; init; }
        public long DossiersRead { get; init; }
        public long DossiersUpserted { get; init; }
        public long DossiersQuarantined { get; init; }
        public long SnapshotsWritten { get; init; }

        public RunRecord ToRecord() => new(
            RunId, Kind, Status, StoreFormat.ParseNullableDay(AsOf), LeaseStore.ParseUtc(StartedAt),
            FinishedAt is null ? null : LeaseStore.ParseUtc(FinishedAt), Error, DossiersRead, DossiersUpserted,
            DossiersQuarantined, SnapshotsWritten);
    }
}
