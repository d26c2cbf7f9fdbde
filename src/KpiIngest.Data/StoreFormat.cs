using System.Globalization;

namespace KpiIngest.Data;

/// <summary>How dates and timestamps are written as text (SQLite store, watermark): sortable, invariant.</summary>
public static class StoreFormat
{
    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string? Day(DateOnly? day) => day is { } d ? Day(d) : null;

    public static DateOnly ParseDay(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly? ParseNullableDay(string? text) => text is null ? null : ParseDay(text);

    /// <summary>UTC instant as ISO-8601 with milliseconds and Z.</summary>
    public static string Utc(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>A local source timestamp as SQLite's contract writes updated_at: no T, no offset, so text order is time order.</summary>
    public static string Local(DateTime local) =>
        local.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    public static DateTime ParseLocal(string text) =>
        DateTime.ParseExact(text, "yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
}
