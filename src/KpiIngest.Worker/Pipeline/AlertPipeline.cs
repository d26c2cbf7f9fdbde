using KpiIngest.Core.Alerts;
using KpiIngest.Core.Periods;
using KpiIngest.Data;
using KpiIngest.Data.Store;
using KpiIngest.Worker.Configuration;
using KpiIngest.Worker.Email;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KpiIngest.Worker.Pipeline;

/// <summary>
/// Folds again every alert period touched by the snapshots written since the last fold (kpi_state
/// alerts_from), stores the alerts, and queues the digests of the events to mail, all in one transaction.
/// Only events dated today or yesterday are mailed: a backfill or a restatement of older dates updates
/// alerts silently (indicators.md, "Alerts").
/// </summary>
public sealed class AlertPipeline(IOptions<AlertsOptions> options, ReportingPeriods reporting, SourceClock clock, DigestOutbox outbox, ILogger<AlertPipeline> logger)
{
    private readonly AlertFold _fold = new(options.Value.MinDenominator, options.Value.CriticalGapPoints);

    public void Run(StoreSession store, long runId, RunCounts counts)
    {
        var mark = store.State.Get(StateStore.AlertsFrom);
        if (mark is null)
        {
            return;
        }

        var dates = store.Snapshots.ExistingDates(StoreFormat.ParseDay(mark), DateOnly.MaxValue);
        var periods = reporting.Alerts
            .SelectMany(kind => dates.Select(d => (Kind: kind, Start: kind.Start(d))))
            .Distinct()
            .OrderBy(p => p.Start).ThenBy(p => p.Kind)
            .ToList();
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var mailFrom = clock.Today.AddDays(-1);
        var notices = new List<AlertNotice>();
        using var transaction = store.BeginWrite();
        foreach (var (kind, start) in periods)
        {
            var stored = store.Alerts.Load(kind, start);
            var folded = new Dictionary<AlertKey, Alert>();
            foreach (var series in Series(store.Snapshots.ReadPeriod(kind, start)))
            {
                if (_fold.Fold(series) is { } alert)
                {
                    folded[alert.Key] = alert;
                }
            }

            foreach (var (key, alert) in folded)
            {
                var before = stored.GetValueOrDefault(key);
                var newEvent = before is null || before.Alert.LastEvent != alert.LastEvent || before.Alert.LastEventOn != alert.LastEventOn;
                if (before is not null && before.Alert == alert)
                {
                    continue;
                }

                var alertId = store.Alerts.Upsert(alert, clearNotified: newEvent);
                if (newEvent && alert.LastEvent is AlertEvent.Opened or AlertEvent.Reopened)
                {
                    counts.AlertsOpened++;
                }

                if (before?.Alert.Status == AlertStatus.Open && alert.Status != AlertStatus.Open)
                {
                    counts.AlertsClosed++;
                }

                if (newEvent && alert.LastEventOn >= mailFrom)
                {
                    notices.Add(new AlertNotice(alertId, alert));
                }
            }

            // A restated period where the key no longer misses at all: that alert never happened.
            foreach (var gone in stored.Where(s => !folded.ContainsKey(s.Key)))
            {
                store.Alerts.Delete(gone.Value.AlertId);
            }
        }

        var queued = outbox.Enqueue(store, runId, notices);
        if (store.State.Get(StateStore.AlertsFrom) == mark)
        {
            store.State.Set(StateStore.AlertsFrom, null);
        }

        FaultInjectionTestHook.Checkpoint(FaultInjectionTestHook.Alerts, "fold before commit");
        transaction.Commit();
        FaultInjectionTestHook.Checkpoint(FaultInjectionTestHook.Alerts, "fold committed");
        logger.LogInformation("Alerts of {Periods} periods folded in {Seconds:F1} s: {Events} events to mail, {Digests} digests queued",
            periods.Count, stopwatch.Elapsed.TotalSeconds, notices.Count, queued);
    }

    /// <summary>Splits rows ordered by series then date into one sequence per alert key.</summary>
    private static IEnumerable<List<Core.Snapshots.SnapshotRow>> Series(IEnumerable<Core.Snapshots.SnapshotRow> rows)
    {
        List<Core.Snapshots.SnapshotRow>? current = null;
        foreach (var row in rows)
        {
            if (current is not null && (current[0].Scope != row.Scope || current[0].ScopeId != row.ScopeId || current[0].Indicator != row.Indicator))
            {
                yield return current;
                current = null;
            }

            (current ??= []).Add(row);
        }

        if (current is not null)
        {
            yield return current;
        }
    }
}
