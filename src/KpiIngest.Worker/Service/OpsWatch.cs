using System.Globalization;
using KpiIngest.Data.Store;
using Microsoft.Extensions.Logging;

namespace KpiIngest.Worker.Service;

/// <summary>A change in the service's own health, for the OPS route (indicators.md, "Alerts": Email:Recipients OPS).</summary>
public sealed record OpsNotice(OpsNoticeKind Kind, string Summary, IReadOnlyList<string> Details, DateTimeOffset At);

public enum OpsNoticeKind
{
    /// <summary>Two runs in a row failed, or no poll has succeeded for a while.</summary>
    Problem,

    /// <summary>The problem notified before is gone.</summary>
    Recovered,
}

/// <summary>What the watch concluded: the problem now (null when healthy) and the notice to send, if any.</summary>
public sealed record OpsVerdict(string? Problem, OpsNotice? Notice);

/// <summary>
/// Decides when the service tells OPS about itself: once when two finished runs in a row failed or no poll has
/// succeeded for <see cref="StalePollAfter"/>, and once more when that is over, never on every failing run.
/// Pure: the runs come from kpi_run, the notified state from kpi_state, the clock is injected.
/// </summary>
public sealed class OpsWatch(TimeProvider time)
{
    public const int FailuresInARow = 2;

    /// <summary>Runs cut short by a service stop are not failures of the service: they prove nothing either way.</summary>
    public const string StoppedPrefix = "stopped before it finished";

    public static readonly TimeSpan StalePollAfter = TimeSpan.FromHours(2);

    /// <param name="newestFirst">The latest finished runs (any kind), newest first.</param>
    /// <param name="lastPollSucceededAt">When the latest successful poll finished, if any.</param>
    /// <param name="watchingSince">When this service started watching: polls are not stale before it had a chance.</param>
    /// <param name="notifiedProblem">The problem notified and not yet recovered, from kpi_state.</param>
    public OpsVerdict Evaluate(
        IReadOnlyList<RunRecord> newestFirst, DateTimeOffset? lastPollSucceededAt, DateTimeOffset watchingSince, string? notifiedProblem)
    {
        ArgumentNullException.ThrowIfNull(newestFirst);
        var now = time.GetUtcNow();
        var details = new List<string>();

        var counted = newestFirst
            .Where(r => r.Error is null || !r.Error.StartsWith(StoppedPrefix, StringComparison.Ordinal))
            .Take(FailuresInARow)
            .ToList();
        if (counted.Count == FailuresInARow && counted.TrueForAll(r => r.Status is "FAILED" or "ABANDONED"))
        {
            details.Add($"the last {FailuresInARow} runs failed: " + string.Join("; ", counted.Select(Describe)));
        }

        var pollReference = lastPollSucceededAt is { } last && last > watchingSince ? last : watchingSince;
        if (now - pollReference > StalePollAfter)
        {
            details.Add(lastPollSucceededAt is { } at
                ? $"no poll has succeeded since {Utc(at)} ({Hours(now - at)} h)"
                : $"no poll has succeeded since the service started at {Utc(watchingSince)} ({Hours(now - watchingSince)} h)");
        }

        var problem = details.Count == 0 ? null : string.Join(" | ", details);
        if (problem is not null && notifiedProblem is null)
        {
            return new OpsVerdict(problem, new OpsNotice(OpsNoticeKind.Problem, "KpiIngest needs attention: " + details[0], details, now));
        }

        if (problem is null && notifiedProblem is not null)
        {
            return new OpsVerdict(null, new OpsNotice(
                OpsNoticeKind.Recovered, "KpiIngest recovered: runs succeed and polls are current again",
                [$"the problem notified before: {notifiedProblem}"], now));
        }

        // Still failing (already told) or still healthy: nothing new to say. The notified text stays the episode's first.
        return new OpsVerdict(notifiedProblem, null);
    }

    private static string Describe(RunRecord run) =>
        $"run {run.RunId.ToString(CultureInfo.InvariantCulture)} {run.Kind} {run.Status}" +
        (run.FinishedAt is { } at ? $" at {Utc(at)}" : "") + (run.Error is { } error ? $": {error}" : "");

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Hours(TimeSpan span) => span.TotalHours.ToString("F1", CultureInfo.InvariantCulture);
}

/// <summary>Where OPS notices go. The default logs a warning; the OPS email route replaces it.</summary>
public interface IOpsNotifier
{
    /// <summary>Delivers the notice or throws; a notice that throws is offered again after the next job.</summary>
    ValueTask NotifyAsync(OpsNotice notice, CancellationToken cancellation);
}

/// <summary>The default <see cref="IOpsNotifier"/>: a warning in the log (and so in the journal or event log).</summary>
public sealed class LoggingOpsNotifier(ILogger<LoggingOpsNotifier> logger) : IOpsNotifier
{
    public ValueTask NotifyAsync(OpsNotice notice, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(notice);
        logger.LogWarning("OPS {Kind}: {Summary} ({Details})", notice.Kind, notice.Summary, string.Join(" | ", notice.Details));
        return ValueTask.CompletedTask;
    }
}
