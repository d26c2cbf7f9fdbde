using Quartz;

namespace KpiIngest.Worker.Service;

/// <summary>The day-closes to run now, in date order, and how many older missed days were left to a backfill.</summary>
public sealed record DayClosePlan(IReadOnlyList<DateOnly> Days, int LeftOut);

/// <summary>
/// Decides the make-up runs from what kpi_run says was done, not from scheduler memory, so a restart, a crash or a
/// week switched off all come out the same. Pure: the clock is a <see cref="TimeProvider"/>, the schedules are the
/// configured Quartz cron expressions in Source:TimeZone.
/// </summary>
public sealed class MakeUpPlanner
{
    /// <summary>At most this many day-closes are made up at once; older missed days are for `backfill`.</summary>
    public const int MaxDayCloses = 366;

    private readonly TimeProvider _time;
    private readonly TimeZoneInfo _zone;
    private readonly CronExpression _dayClose;
    private readonly CronExpression _poll;

    public MakeUpPlanner(TimeProvider time, TimeZoneInfo zone, string dayCloseCron, string pollCron)
    {
        _time = time;
        _zone = zone;
        _dayClose = new CronExpression(dayCloseCron, zone);
        _poll = new CronExpression(pollCron, zone);
    }

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(_time.GetUtcNow(), _zone).DateTime);

    /// <summary>
    /// At start: every day after <paramref name="lastClosed"/> whose scheduled day-close time has passed, oldest first.
    /// A day's close is due at the first DayClose firing after that day ends locally (00:30 the next morning by
    /// default), so at 00:01 yesterday is not missed yet: the schedule will close it. With no day-close recorded at
    /// all, only the latest due day is closed (history is a backfill's job).
    /// </summary>
    public DayClosePlan MissedDayCloses(DateOnly? lastClosed)
    {
        var latestDue = LatestDueDay();
        return latestDue is { } day ? Range(lastClosed, day) : new DayClosePlan([], 0);
    }

    /// <summary>At the scheduled firing: yesterday, preceded by any day after <paramref name="lastClosed"/> still unclosed.</summary>
    public DayClosePlan ScheduledDayCloses(DateOnly? lastClosed)
    {
        var yesterday = Today.AddDays(-1);
        var plan = Range(lastClosed, yesterday);
        return plan.Days.Count > 0 ? plan : new DayClosePlan([yesterday], 0);
    }

    /// <summary>True when no poll has succeeded within one poll interval (or none ever has).</summary>
    public bool PollMissed(DateTimeOffset? lastPollSucceededAt) =>
        lastPollSucceededAt is not { } last || _time.GetUtcNow() - last > PollInterval();

    /// <summary>The gap between the next two poll firings: the configured interval, for a regular schedule.</summary>
    public TimeSpan PollInterval()
    {
        var first = _poll.GetNextValidTimeAfter(_time.GetUtcNow());
        var second = first is { } f ? _poll.GetNextValidTimeAfter(f) : null;
        return first is { } a && second is { } b ? b - a : TimeSpan.MaxValue;
    }

    /// <summary>
    /// The latest poll firing at or before now: the firing a make-up poll stands in for, claimed like a scheduled one
    /// so that an instance starting beside a running one does not poll twice for it. Null for an irregular schedule.
    /// </summary>
    public DateTimeOffset? LastPollFiring()
    {
        var now = _time.GetUtcNow();
        var interval = PollInterval();
        if (interval == TimeSpan.MaxValue)
        {
            return null;
        }

        DateTimeOffset? last = null;
        for (var firing = _poll.GetNextValidTimeAfter(now - interval - interval); firing is { } f && f <= now; firing = _poll.GetNextValidTimeAfter(f))
        {
            last = f;
        }

        return last;
    }

    /// <summary>When the day-close for <paramref name="day"/> is due: the first DayClose firing at or after the day ends.</summary>
    public DateTimeOffset? DueAt(DateOnly day) => _dayClose.GetNextValidTimeAfter(StartOf(day.AddDays(1)).AddTicks(-1));

    private DateOnly? LatestDueDay()
    {
        var now = _time.GetUtcNow();
        var today = Today;

        // Daily schedules settle in one or two steps; a weekly or monthly one walks back at most a few weeks.
        for (var day = today.AddDays(-1); day > today.AddDays(-MaxDayCloses); day = day.AddDays(-1))
        {
            if (DueAt(day) is { } due && due <= now)
            {
                return day;
            }
        }

        return null;
    }

    private static DayClosePlan Range(DateOnly? lastClosed, DateOnly upTo)
    {
        var from = lastClosed is { } last ? last.AddDays(1) : upTo;
        if (from > upTo)
        {
            return new DayClosePlan([], 0);
        }

        var count = upTo.DayNumber - from.DayNumber + 1;
        var leftOut = Math.Max(0, count - MaxDayCloses);
        var first = from.AddDays(leftOut);
        return new DayClosePlan([.. Enumerable.Range(0, count - leftOut).Select(first.AddDays)], leftOut);
    }

    /// <summary>Local midnight of <paramref name="day"/> as an instant; where a DST jump skips midnight, the first valid minute.</summary>
    private DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (_zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        return new DateTimeOffset(local, _zone.GetUtcOffset(local));
    }
}
