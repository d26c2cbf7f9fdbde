using System.Globalization;

namespace KpiIngest.Data;

/// <summary>How dates and timestamps are written as text (SQLite store, watermark): sortable, invariant.</summary>
public static class StoreFormat
{
    public const string DayFormat = "yyyy-MM-dd";

    public const string UtcFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public const string LocalFormat = "yyyy-MM-dd HH:mm:ss.FFFFFFF";

    public static string Day(DateOnly day) => day.ToString(DayFormat, CultureInfo.InvariantCulture);

    public static string? Day(DateOnly? day) => day is { } d ? Day(d) : null;

    public static DateOnly ParseDay(string text) => DateOnly.ParseExact(text, DayFormat, CultureInfo.InvariantCulture);

    public static DateOnly? ParseNullableDay(string? text) => text is null ? null : ParseDay(text);

    /// <summary>UTC instant as ISO-8601 with milliseconds and Z.</summary>
    public static string Utc(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString(UtcFormat, CultureInfo.InvariantCulture);

    /// <summary>A local source timestamp as SQLite's contract writes updated_at: no T, no offset, so text order is time order.</summary>
    public static string Local(DateTime local) =>
        local.ToString(LocalFormat, CultureInfo.InvariantCulture);

    public static DateTime ParseLocal(string text) =>
        DateTime.ParseExact(text, LocalFormat, CultureInfo.InvariantCulture);
}
