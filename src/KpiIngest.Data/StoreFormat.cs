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

    /// <summary>The longest text <see cref="WriteLocal"/> writes: 'yyyy-MM-dd HH:mm:ss.fffffff'.</summary>
    public const int LocalMaxBytes = 27;

    /// <summary><see cref="Day(DateOnly)"/> written as UTF-8 without a string (the SQLite row path, per row); returns 10.</summary>
    public static int WriteDay(Span<byte> utf8, DateOnly day)
    {
        Write4(utf8, day.Year);
        utf8[4] = (byte)'-';
        Write2(utf8[5..], day.Month);
        utf8[7] = (byte)'-';
        Write2(utf8[8..], day.Day);
        return 10;
    }

    /// <summary><see cref="Local"/> written as UTF-8 without a string; returns the length (19, or up to 27 with a fraction).</summary>
    public static int WriteLocal(Span<byte> utf8, DateTime local)
    {
        WriteDay(utf8, DateOnly.FromDateTime(local));
        utf8[10] = (byte)' ';
        Write2(utf8[11..], local.Hour);
        utf8[13] = (byte)':';
        Write2(utf8[14..], local.Minute);
        utf8[16] = (byte)':';
        Write2(utf8[17..], local.Second);
        var fraction = local.Ticks % TimeSpan.TicksPerSecond;
        if (fraction == 0)
        {
            return 19;
        }

        // FFFFFFF: seven digits of ticks, trailing zeros dropped.
        utf8[19] = (byte)'.';
        var length = 27;
        for (var i = 26; i >= 20; i--)
        {
            utf8[i] = (byte)('0' + (fraction % 10));
            fraction /= 10;
        }

        while (utf8[length - 1] == (byte)'0')
        {
            length--;
        }

        return length;
    }

    private static void Write4(Span<byte> utf8, int value)
    {
        utf8[0] = (byte)('0' + (value / 1000));
        utf8[1] = (byte)('0' + (value / 100 % 10));
        utf8[2] = (byte)('0' + (value / 10 % 10));
        utf8[3] = (byte)('0' + (value % 10));
    }

    private static void Write2(Span<byte> utf8, int value)
    {
        utf8[0] = (byte)('0' + (value / 10));
        utf8[1] = (byte)('0' + (value % 10));
    }
}
