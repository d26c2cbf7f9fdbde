namespace KpiIngest.IntegrationTests.Infrastructure;

public static class Zones
{
    /// <summary>Asia/Ho_Chi_Minh; UTC+7 without DST where the machine has no tz database (Vietnam has kept it since 1975).</summary>
    public static readonly TimeZoneInfo HoChiMinh =
        TimeZoneInfo.TryFindSystemTimeZoneById("Asia/Ho_Chi_Minh", out var zone)
            ? zone
            : TimeZoneInfo.CreateCustomTimeZone("UTC+07", TimeSpan.FromHours(7), "UTC+07", "UTC+07");
}
