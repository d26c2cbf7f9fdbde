using Dapper;
using KpiIngest.Core.Alerts;
using KpiIngest.Core.Indicators;
using KpiIngest.Core.Periods;
using KpiIngest.Core.Snapshots;
using Microsoft.Data.Sqlite;

namespace KpiIngest.Data.Store;

/// <summary>kpi_alert: one row per alert key, rewritten whenever its period is folded again.</summary>
public sealed class AlertStore(SqliteConnection connection)
{
    private const string Columns = """
        alert_id AS AlertId, indicator AS Indicator, period AS Period, period_start AS PeriodStart, scope AS Scope,
        scope_id AS ScopeId, level AS Level, status AS Status, severity AS Severity, ratio AS Ratio, target AS Target,
        gap AS Gap, numerator AS Numerator, denominator AS Denominator, shortfall AS Shortfall, opened_on AS OpenedOn,
        last_seen_on AS LastSeenOn, closed_on AS ClosedOn, notified_at AS NotifiedAt, last_event AS LastEvent,
        last_event_on AS LastEventOn
        """;

    /// <summary>The stored alerts of one period, by key.</summary>
    public Dictionary<AlertKey, StoredAlert> Load(PeriodKind period, DateOnly periodStart, SqliteTransaction transaction) =>
        connection.Query<AlertRow>(
                $"SELECT {Columns} FROM kpi_alert WHERE period = @period AND period_start = @start",
                new { period = period.Text(), start = StoreFormat.Day(periodStart) },
                transaction)
            .Select(r => r.ToStored())
            .ToDictionary(a => a.Alert.Key);

    /// <summary>Inserts or updates an alert; returns its alert_id. notified_at is cleared when a new event is to be mailed.</summary>
    public long Upsert(Alert alert, bool clearNotified, SqliteTransaction transaction) =>
        connection.ExecuteScalar<long>(
            """
            INSERT INTO kpi_alert (indicator, period, period_start, scope, scope_id, level, status, severity, ratio, target, gap,
                                   numerator, denominator, shortfall, opened_on, last_seen_on, closed_on, notified_at,
                                   last_event, last_event_on)
            VALUES (@Indicator, @Period, @PeriodStart, @Scope, @ScopeId, @Level, @Status, @Severity, @Ratio, @Target, @Gap,
                    @Numerator, @Denominator, @Shortfall, @OpenedOn, @LastSeenOn, @ClosedOn, NULL, @LastEvent, @LastEventOn)
            ON CONFLICT (indicator, scope, scope_id, period, period_start) DO UPDATE SET
                level = excluded.level, status = excluded.status, severity = excluded.severity, ratio = excluded.ratio,
                target = excluded.target, gap = excluded.gap, numerator = excluded.numerator,
                denominator = excluded.denominator, shortfall = excluded.shortfall, opened_on = excluded.opened_on,
                last_seen_on = excluded.last_seen_on, closed_on = excluded.closed_on,
                notified_at = CASE WHEN @clearNotified = 1 THEN NULL ELSE kpi_alert.notified_at END,
                last_event = excluded.last_event, last_event_on = excluded.last_event_on
            RETURNING alert_id
            """,
            new
            {
                Indicator = alert.Key.Indicator.Text(),
                Period = alert.Key.Period.Text(),
                PeriodStart = StoreFormat.Day(alert.Key.PeriodStart),
                Scope = alert.Key.Scope.Text(),
                alert.Key.ScopeId,
                alert.Level,
                Status = alert.Status.Text(),
                Severity = alert.Severity.Text(),
                alert.Ratio,
                alert.Target,
                alert.Gap,
                alert.Numerator,
                alert.Denominator,
                alert.Shortfall,
                OpenedOn = StoreFormat.Day(alert.OpenedOn),
                LastSeenOn = StoreFormat.Day(alert.LastSeenOn),
                ClosedOn = StoreFormat.Day(alert.ClosedOn),
                LastEvent = alert.LastEvent.Text(),
                LastEventOn = StoreFormat.Day(alert.LastEventOn),
                clearNotified = clearNotified ? 1 : 0,
            },
            transaction);

    /// <summary>A restated period in which the key no longer misses at all: the alert never happened.</summary>
    public void Delete(long alertId, SqliteTransaction transaction) =>
        connection.Execute("DELETE FROM kpi_alert WHERE alert_id = @alertId", new { alertId }, transaction);

    public void MarkNotified(long alertId, DateTimeOffset at, SqliteTransaction transaction) =>
        connection.Execute(
            "UPDATE kpi_alert SET notified_at = @at WHERE alert_id = @alertId",
            new { alertId, at = StoreFormat.Utc(at) },
            transaction);

    /// <summary>Open alerts now, by severity (for the demo's summary and the metrics endpoint).</summary>
    public IReadOnlyDictionary<string, long> CountOpenBySeverity() =>
        connection.Query<(string Severity, long Count)>("SELECT severity, COUNT(*) FROM kpi_alert WHERE status = 'OPEN' GROUP BY severity")
            .ToDictionary(r => r.Severity, r => r.Count);

    public sealed record StoredAlert(long AlertId, Alert Alert, string? NotifiedAt);

    private sealed class AlertRow
    {
        public long AlertId { get; init; }
        public string Indicator { get; init; } = "";
        public string Period { get; init; } = "";
        public string PeriodStart { get; init; } = "";
        public string Scope { get; init; } = "";
        public string ScopeId { get; init; } = "";
        public long? Level { get; init; }
        public string Status { get; init; } = "";
        public string Severity { get; init; } = "";
        public decimal? Ratio { get; init; }
        public decimal Target { get; init; }
        public decimal? Gap { get; init; }
        public long Numerator { get; init; }
        public long Denominator { get; init; }
        public long Shortfall { get; init; }
        public string OpenedOn { get; init; } = "";
        public string LastSeenOn { get; init; } = "";
        public string? ClosedOn { get; init; }
        public string? NotifiedAt { get; init; }
        public string LastEvent { get; init; } = "";
        public string LastEventOn { get; init; } = "";

        public StoredAlert ToStored()
        {
            var key = new AlertKey(Indicators.Parse(Indicator), ScopeKinds.Parse(Scope), ScopeId, PeriodKinds.Parse(Period),
                StoreFormat.ParseDay(PeriodStart));
            var alert = new Alert(key, (int?)Level, AlertTexts.ParseStatus(Status), AlertTexts.ParseSeverity(Severity), Ratio,
                Target, Gap, Numerator, Denominator, Shortfall, StoreFormat.ParseDay(OpenedOn), StoreFormat.ParseDay(LastSeenOn),
                StoreFormat.ParseNullableDay(ClosedOn), AlertTexts.ParseEvent(LastEvent), StoreFormat.ParseDay(LastEventOn));
            return new StoredAlert(AlertId, alert, NotifiedAt);
        }
    }
}
