using System.Globalization;

namespace KpiIngest.IntegrationTests.Infrastructure;

/// <summary>Local time of the source (Asia/Ho_Chi_Minh, UTC+7, no DST), formatted as the contract wants it.</summary>
public static class ProvinceClock
{
    /// <summary>Source:TimeZone of every test province.</summary>
    public static readonly TimeZoneInfo Zone = FindZone();

    /// <summary>Now in the source's local time, to the second, as <c>YYYY-MM-DD HH:MM:SS</c>.</summary>
    public static string Now() => Format(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Zone).DateTime);

    /// <summary>Now plus an offset (negative for the past), source-local, as <c>YYYY-MM-DD HH:MM:SS</c>.</summary>
    public static string NowPlus(TimeSpan offset) =>
        Format(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow + offset, Zone).DateTime);

    public static string Format(DateTime local) => local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");
        }
        catch (TimeZoneNotFoundException)
        {
            // No tz database: Vietnam has kept UTC+7 without DST since 1975.
            return TimeZoneInfo.CreateCustomTimeZone("UTC+07", TimeSpan.FromHours(7), "UTC+07", "UTC+07");
        }
    }
}
