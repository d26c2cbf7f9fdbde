using System.Globalization;

namespace KpiIngest.Core.Tests.Support;

/// <summary>Short, invariant spellings of the dates and times the spec talks about.</summary>
internal static class Dates
{
    /// <summary>Source:TimeZone's default (indicators.md, "Local date"): UTC+7, no DST.</summary>
    public static TimeZoneInfo HoChiMinh { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");

    public static DateOnly Day(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A local wall-clock time, "yyyy-MM-dd HH:mm:ss" with optional fractional seconds.</summary>
    public static DateTime At(string iso) =>
        DateTime.ParseExact(iso, "yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture, DateTimeStyles.None);

    public static DateTimeOffset Utc(string iso) =>
        new(DateTime.SpecifyKind(At(iso), DateTimeKind.Unspecified), TimeSpan.Zero);

    public static decimal Dec(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);

    public static string Show(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
}
