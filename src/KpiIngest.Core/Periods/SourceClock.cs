namespace KpiIngest.Core.Periods;

/// <summary>
/// Reads instants in the source's time zone (config Source:TimeZone): "today", whether a day has ended, and
/// the local date a timestamp is attributed to. Everything takes an injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class SourceClock(TimeProvider time, TimeZoneInfo zone)
{
    public TimeZoneInfo Zone { get; } = zone;

    public DateTime LocalNow => TimeZoneInfo.ConvertTime(time.GetUtcNow(), Zone).DateTime;

    public DateOnly Today => DateOnly.FromDateTime(LocalNow);

    public DateTimeOffset UtcNow => time.GetUtcNow();

    /// <summary>A snapshot of S is final once S has ended locally, i.e. today is after S.</summary>
    public bool HasEnded(DateOnly day) => Today > day;
}
