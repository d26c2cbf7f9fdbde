using KpiIngest.Core.Indicators;
using KpiIngest.Core.Periods;
using KpiIngest.Core.Snapshots;

namespace KpiIngest.Core.Alerts;

public enum AlertStatus
{
    Open,
    Resolved,
    Missed,
}

public enum AlertSeverity
{
    Warning,
    Critical,
}

/// <summary>What administrators are mailed about: an alert opened, opened again, or turned CRITICAL.</summary>
public enum AlertEvent
{
    Opened,
    Reopened,
    Escalated,
}

/// <summary>One alert per (indicator, scope, scope_id, period kind, period_start) (indicators.md, "Alerts").</summary>
public sealed record AlertKey(IndicatorCode Indicator, ScopeKind Scope, string ScopeId, PeriodKind Period, DateOnly PeriodStart);

/// <summary>An alert's state after folding the snapshots of its period, as kpi_alert keeps it.</summary>
public sealed record Alert(
    AlertKey Key,
    int? Level,
    AlertStatus Status,
    AlertSeverity Severity,
    decimal? Ratio,
    decimal Target,
    decimal? Gap,
    long Numerator,
    long Denominator,
    long Shortfall,
    DateOnly OpenedOn,
    DateOnly LastSeenOn,
    DateOnly? ClosedOn,
    AlertEvent LastEvent,
    DateOnly LastEventOn);

public static class AlertTexts
{
    public static string Text(this AlertStatus status) => status switch
    {
        AlertStatus.Open => "OPEN",
        AlertStatus.Resolved => "RESOLVED",
        AlertStatus.Missed => "MISSED",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string Text(this AlertSeverity severity) => severity == AlertSeverity.Critical ? "CRITICAL" : "WARNING";

    public static string Text(this AlertEvent alertEvent) => alertEvent switch
    {
        AlertEvent.Opened => "OPENED",
        AlertEvent.Reopened => "REOPENED",
        AlertEvent.Escalated => "ESCALATED",
        _ => throw new ArgumentOutOfRangeException(nameof(alertEvent), alertEvent, null),
    };

    public static AlertStatus ParseStatus(string text) => text switch
    {
        "OPEN" => AlertStatus.Open,
        "RESOLVED" => AlertStatus.Resolved,
        "MISSED" => AlertStatus.Missed,
        _ => throw new FormatException($"Unknown alert status '{text}'."),
    };

    public static AlertSeverity ParseSeverity(string text) => text == "CRITICAL" ? AlertSeverity.Critical : AlertSeverity.Warning;

    public static AlertEvent ParseEvent(string text) => text switch
    {
        "OPENED" => AlertEvent.Opened,
        "REOPENED" => AlertEvent.Reopened,
        "ESCALATED" => AlertEvent.Escalated,
        _ => throw new FormatException($"Unknown alert event '{text}'."),
    };
}
