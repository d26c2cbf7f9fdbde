using static KpiIngest.IntegrationTests.Infrastructure.StoreColumns;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace KpiIngest.IntegrationTests.Alerts;

/// <summary>A row of kpi_alert (store.md), every column; dates stay text so their format is checked too.</summary>
public sealed record AlertRow(
    long AlertId,
    string Indicator,
    string Period,
    string PeriodStart,
    string Scope,
    string ScopeId,
    long? Level,
    string Status,
    string Severity,
    decimal? Ratio,
    decimal? Target,
    decimal? Gap,
    long Numerator,
    long Denominator,
    long Shortfall,
    string OpenedOn,
    string LastSeenOn,
    string? ClosedOn,
    string? NotifiedAt)
{
    public (string Indicator, string Scope, string ScopeId, string Period, string PeriodStart) Key =>
        (Indicator, Scope, ScopeId, Period, PeriodStart);

    /// <summary>What two stores computing the same alerts must agree on: everything but the surrogate key and mail time.</summary>
    public AlertRow Comparable => this with { AlertId = 0, NotifiedAt = null };

    public override string ToString() =>
        $"{Indicator} {Period}({PeriodStart}) {Scope}[{ScopeId}] {Status} {Severity} {Numerator}/{Denominator} " +
        $"ratio={Ratio?.ToString(CultureInfo.InvariantCulture)} gap={Gap?.ToString(CultureInfo.InvariantCulture)} shortfall={Shortfall} " +
        $"opened={OpenedOn} seen={LastSeenOn} closed={ClosedOn ?? "-"} notified={NotifiedAt ?? "-"}";
}

/// <summary>A row of the internal kpi_outbox (0003_CreateOutbox.sql).</summary>
public sealed record OutboxRow(
    long OutboxId, long RunId, string Recipient, string MessageId, string Subject, string Status, long Attempts,
    string CreatedAt, string NextAttemptAt, string? LastError, string? SentAt);

/// <summary>The counts of kpi_run that alerts and email fill.</summary>
public sealed record RunEmailCounts(string RunId, string Kind, string Status, long AlertsOpened, long AlertsClosed, long EmailsSent, long EmailsFailed);

/// <summary>Reads (and, for the retry tests, nudges) the alert and email tables of a SQLite store the CLI wrote.</summary>
public sealed class AlertQueries(string storePath)
{
    /// <summary>Every kpi_alert row in key order: indicator, scope, scope_id, period, period_start.</summary>
    public IReadOnlyList<AlertRow> Alerts() =>
        Query(
            "SELECT * FROM kpi_alert ORDER BY indicator, scope, scope_id, period, period_start",
            r => new AlertRow(
                Integer(r, "alert_id") ?? -1,
                Text(r, "indicator")!,
                Text(r, "period")!,
                Text(r, "period_start")!,
                Text(r, "scope")!,
                Text(r, "scope_id")!,
                Integer(r, "level"),
                Text(r, "status")!,
                Text(r, "severity")!,
                Number(r, "ratio"),
                Number(r, "target"),
                Number(r, "gap"),
                Integer(r, "numerator") ?? -1,
                Integer(r, "denominator") ?? -1,
                Integer(r, "shortfall") ?? -1,
                Text(r, "opened_on")!,
                Text(r, "last_seen_on")!,
                Text(r, "closed_on"),
                Text(r, "notified_at")));

    /// <summary>
    /// Every kpi_alert row, every column but alert_id and notified_at, as "column=value" text in key order: what two
    /// stores that computed the same alerts must agree on, whatever columns the table has.
    /// </summary>
    public IReadOnlyList<string> RawAlerts() =>
        Query(
            "SELECT * FROM kpi_alert ORDER BY indicator, scope, scope_id, period, period_start",
            r => string.Join(" ", Enumerable.Range(0, r.FieldCount)
                .Where(i => r.GetName(i) is not ("alert_id" or "notified_at"))
                .Select(i => $"{r.GetName(i)}={(r.IsDBNull(i) ? "null" : Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture))}")));

    public IReadOnlyList<OutboxRow> Outbox() =>
        Query(
            "SELECT * FROM kpi_outbox ORDER BY outbox_id",
            r => new OutboxRow(
                Integer(r, "outbox_id") ?? -1,
                Integer(r, "run_id") ?? -1,
                Text(r, "recipient")!,
                Text(r, "message_id")!,
                Text(r, "subject")!,
                Text(r, "status")!,
                Integer(r, "attempts") ?? -1,
                Text(r, "created_at")!,
                Text(r, "next_attempt_at")!,
                Text(r, "last_error"),
                Text(r, "sent_at")));

    /// <summary>Every run's alert and email counts, in run_id order.</summary>
    public IReadOnlyList<RunEmailCounts> Runs() =>
        Query(
            "SELECT * FROM kpi_run ORDER BY run_id",
            r => new RunEmailCounts(
                Text(r, "run_id")!,
                Text(r, "kind")!,
                Text(r, "status")!,
                Integer(r, "alerts_opened") ?? -1,
                Integer(r, "alerts_closed") ?? -1,
                Integer(r, "emails_sent") ?? -1,
                Integer(r, "emails_failed") ?? -1));

    public RunEmailCounts LatestRun() => Runs()[^1];

    /// <summary>
    /// Makes every pending digest due now, as if its backoff had passed: a failed attempt waits 1 minute and more
    /// (DigestDelivery.Backoff: 1, 2, 4 … minutes with up to 20 % jitter), which a test should not sleep through.
    /// created_at is in the past and in the very format next_attempt_at is compared in.
    /// </summary>
    public int MakePendingDigestsDue()
    {
        using var connection = new SqliteConnection($"Data Source={storePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE kpi_outbox SET next_attempt_at = created_at WHERE status = 'PENDING'";
        return command.ExecuteNonQuery();
    }

    private List<T> Query<T>(string sql, Func<SqliteDataReader, T> map)
    {
        using var connection = new SqliteConnection($"Data Source={storePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }
}
