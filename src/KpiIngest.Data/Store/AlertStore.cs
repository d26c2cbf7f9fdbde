using KpiIngest.Core.Alerts;
using KpiIngest.Core.Indicators;
using KpiIngest.Core.Periods;
using KpiIngest.Core.Snapshots;

namespace KpiIngest.Data.Store;

/// <summary>kpi_alert: one row per alert key, rewritten whenever its period is folded again.</summary>
public sealed class AlertStore(StoreCommands store)
{
    /// <summary>The stored alerts of one period, by key.</summary>
    public Dictionary<AlertKey, StoredAlert> Load(PeriodKind period, DateOnly periodStart) =>
        store.Query<AlertRow>(
                store.Dialect.Sql("LoadAlerts"), new { period = period.Text(), start = store.Dialect.Day(periodStart) })
            .Select(r => r.ToStored())
            .ToDictionary(a => a.Alert.Key);

    /// <summary>Inserts or updates an alert; returns its alert_id. notified_at is cleared when a new event is to be mailed.</summary>
    public long Upsert(Alert alert, bool clearNotified) =>
        store.Scalar<long>(
            store.Dialect.Sql("UpsertAlert"),
            new
            {
                Indicator = alert.Key.Indicator.Text(),
                Period = alert.Key.Period.Text(),
                PeriodStart = store.Dialect.Day(alert.Key.PeriodStart),
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
                OpenedOn = store.Dialect.Day(alert.OpenedOn),
                LastSeenOn = store.Dialect.Day(alert.LastSeenOn),
                ClosedOn = store.Dialect.Day(alert.ClosedOn),
                LastEvent = alert.LastEvent.Text(),
                LastEventOn = store.Dialect.Day(alert.LastEventOn),
                clearNotified = clearNotified ? 1 : 0,
            });

    /// <summary>A restated period in which the key no longer misses at all: the alert never happened.</summary>
    public void Delete(long alertId) =>
        store.Write(store.Dialect.Sql("DeleteAlert"), new { alertId });

    /// <summary>Open alerts now, by severity (for the demo's summary and the metrics endpoint).</summary>
    public IReadOnlyDictionary<string, long> CountOpenBySeverity() =>
        store.Query<(string Severity, long Count)>(store.Dialect.Sql("CountOpenAlertsBySeverity"))
            .ToDictionary(r => r.Severity, r => r.Count, StringComparer.Ordinal);

    public sealed record StoredAlert(long AlertId, Alert Alert, DateTimeOffset? NotifiedAt);

    /// <summary>An alert as the engine returns it: dates and ratios in the engine's own types.</summary>
    private sealed class AlertRow
    {
        public long AlertId { get; init; }
        public string Indicator { get; init; } = "";
        public string Period { get; init; } = "";
        public object PeriodStart { get; init; } = "";
        public string Scope { get; init; } = "";
        public string ScopeId { get; init; } = "";
        public object? Level { get; init; }
        public string Status { get; init; } = "";
        public string Severity { get; init; } = "";
        public object? Ratio { get; init; }
        public object Target { get; init; } = 0m;
        public object? Gap { get; init; }
        public long Numerator { get; init; }
        public long Denominator { get; init; }
        public long Shortfall { get; init; }
        public object OpenedOn { get; init; } = "";
        public object LastSeenOn { get; init; } = "";
        public object? ClosedOn { get; init; }
        public object? NotifiedAt { get; init; }
        public string LastEvent { get; init; } = "";
        public object LastEventOn { get; init; } = "";

        public StoredAlert ToStored()
        {
            var key = new AlertKey(IndicatorCatalog.Parse(Indicator), ScopeKinds.Parse(Scope), ScopeId, PeriodKinds.Parse(Period),
                StoreValue.Day(PeriodStart));
            var alert = new Alert(key, StoreValue.IsNull(Level) ? null : (int)StoreValue.Number(Level!),
                AlertTexts.ParseStatus(Status), AlertTexts.ParseSeverity(Severity), StoreValue.Percentage(Ratio),
                StoreValue.Percentage(Target)!.Value, StoreValue.Percentage(Gap), Numerator, Denominator, Shortfall,
                StoreValue.Day(OpenedOn), StoreValue.Day(LastSeenOn), StoreValue.NullableDay(ClosedOn),
                AlertTexts.ParseEvent(LastEvent), StoreValue.Day(LastEventOn));
            return new StoredAlert(AlertId, alert, StoreValue.NullableUtc(NotifiedAt));
        }
    }
}
