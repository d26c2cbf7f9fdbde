using KpiIngest.Core.Indicators;
using KpiIngest.Core.Periods;
using KpiIngest.Core.Snapshots;

namespace KpiIngest.Core.Alerts;

/// <summary>
/// The alert lifecycle of indicators.md as a fold over one alert's snapshot rows in date order. Folding a
/// period from its first snapshot every time (rather than patching the stored alert) is what makes a
/// restated snapshot re-fold its period and a backfill end where daily runs would.
/// </summary>
public sealed class AlertFold(long minDenominator, decimal criticalGapPoints)
{
    /// <summary>Is this row a miss: a target, enough in D, and not met.</summary>
    public bool IsMiss(SnapshotRow row) =>
        row.Target is not null && row.Denominator >= minDenominator && row.Met == false;

    /// <summary>Folds the rows of one alert key, ordered by snapshot date; null while nothing ever missed.</summary>
    public Alert? Fold(IEnumerable<SnapshotRow> rowsInDateOrder)
    {
        Alert? alert = null;
        foreach (var row in rowsInDateOrder)
        {
            alert = Step(alert, row);
        }

        return alert;
    }

    /// <summary>One step of the fold: the alert after the snapshot row of date S.</summary>
    public Alert? Step(Alert? alert, SnapshotRow row)
    {
        var day = row.SnapshotDate;
        var lastDayFinal = row.IsFinal && day == row.Period.End(row.PeriodStart);
        if (IsMiss(row))
        {
            var severity = RatioMath.IsCritical(row.Numerator, row.Denominator, row.Target!.Value, criticalGapPoints)
                ? AlertSeverity.Critical
                : AlertSeverity.Warning;
            var updated = alert switch
            {
                null => Open(row, severity, AlertEvent.Opened, day),
                { Status: AlertStatus.Open } open => Measure(open, row, severity) with
                {
                    LastEvent = open.Severity == AlertSeverity.Warning && severity == AlertSeverity.Critical
                        ? AlertEvent.Escalated
                        : open.LastEvent,
                    LastEventOn = open.Severity == AlertSeverity.Warning && severity == AlertSeverity.Critical
                        ? day
                        : open.LastEventOn,
                },
                _ => Measure(alert, row, severity) with
                {
                    Status = AlertStatus.Open,
                    ClosedOn = null,
                    LastEvent = AlertEvent.Reopened,
                    LastEventOn = day,
                },
            };
            updated = updated with { LastSeenOn = day };
            return lastDayFinal ? updated with { Status = AlertStatus.Missed, ClosedOn = day } : updated;
        }

        if (alert is null)
        {
            return null;
        }

        var met = row.Target is not null && row.Denominator >= minDenominator && row.Met == true;
        if (met && alert.Status == AlertStatus.Open)
        {
            return Measure(alert, row, alert.Severity) with { Status = AlertStatus.Resolved, ClosedOn = day, LastSeenOn = day };
        }

        if (lastDayFinal && alert.Status == AlertStatus.Open)
        {
            return alert with { Status = AlertStatus.Missed, ClosedOn = day, LastSeenOn = day };
        }

        return alert with { LastSeenOn = day };
    }

    private static Alert Open(SnapshotRow row, AlertSeverity severity, AlertEvent alertEvent, DateOnly day) =>
        new(
            new AlertKey(row.Indicator, row.Scope, row.ScopeId, row.Period, row.PeriodStart),
            row.Level,
            AlertStatus.Open,
            severity,
            row.Ratio,
            row.Target!.Value,
            RatioMath.Gap(row.Ratio, row.Target),
            row.Numerator,
            row.Denominator,
            RatioMath.Shortfall(row.Numerator, row.Denominator, row.Target.Value),
            day,
            day,
            null,
            alertEvent,
            day);

    /// <summary>The latest figures of a row; shortfall is 0 once met (indicators.md).</summary>
    private static Alert Measure(Alert alert, SnapshotRow row, AlertSeverity severity)
    {
        if (row.Target is null)
        {
            return alert;
        }

        return alert with
        {
            Severity = severity,
            Ratio = row.Ratio,
            Target = row.Target.Value,
            Gap = RatioMath.Gap(row.Ratio, row.Target),
            Numerator = row.Numerator,
            Denominator = row.Denominator,
            Shortfall = RatioMath.Shortfall(row.Numerator, row.Denominator, row.Target.Value),
        };
    }
}
