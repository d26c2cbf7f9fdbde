using System.Globalization;

namespace KpiIngest.Core.Source;

/// <summary>
/// Turns a source timestamp into the local wall-clock time of Source:TimeZone: values without an offset
/// (and dates, DateOnly) are already local; values with one (text with Z or ±hh:mm, DateTimeOffset, UTC DateTime) are converted,
/// so a dossier received 2024-04-30T17:30Z belongs to 1 May in Hà Nội.
/// </summary>
public sealed class SourceTimeReader(TimeZoneInfo zone)
{
    /// <summary>Years outside this range are taken as corrupt, not as real dossiers (and cannot overflow).</summary>
    public const int MinYear = 1900;

    public const int MaxYear = 2199;

    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm",
        "yyyy-MM-dd'T'HH:mm",
        "yyyy-MM-dd",
    ];

    private static readonly string[] OffsetFormats =
    [
        "yyyy-MM-dd HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF'Z'",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
        "yyyy-MM-dd HH:mmzzz",
        "yyyy-MM-dd'T'HH:mmzzz",
        "yyyy-MM-dd'T'HH:mm'Z'",
    ];

    public TimeZoneInfo Zone => zone;

    public bool TryReadLocal(object value, out DateTime local, out string problem)
    {
        local = default;
        problem = "";
        switch (value)
        {
            case DateTimeOffset offset:
                return InRange(offset.UtcDateTime, out problem) && Convert(offset, out local);
            case DateTime { Kind: DateTimeKind.Utc } utc:
                return InRange(utc, out problem) && Convert(new DateTimeOffset(utc), out local);
            case DateTime plain:
                local = DateTime.SpecifyKind(plain, DateTimeKind.Unspecified);
                return InRange(local, out problem);
            case DateOnly day:
                local = day.ToDateTime(TimeOnly.MinValue);
                return InRange(local, out problem);
            case string text:
                return TryParse(text.Trim(), out local, out problem);
            default:
                problem = "is not a date or timestamp";
                return false;
        }
    }

    private bool TryParse(string text, out DateTime local, out string problem)
    {
        if (TryParseCommon(text, out local))
        {
            return InRange(local, out problem);
        }

        if (DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var plain))
        {
            local = plain;
            return InRange(plain, out problem);
        }

        if (DateTimeOffset.TryParseExact(
                text, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var offset))
        {
            return InRange(offset.UtcDateTime, out problem) && Convert(offset, out local);
        }

        problem = "is not an ISO-8601 date or timestamp";
        return false;
    }

    /// <summary>
    /// The shapes nearly every source writes, 'yyyy-MM-dd HH:mm:ss' (or with 'T') and 'yyyy-MM-dd', read digit by
    /// digit. It accepts exactly what the first formats of <see cref="LocalFormats"/> accept for them and leaves
    /// everything else (fractions, offsets, bad values) to TryParseExact: with four timestamps a dossier, trying
    /// the format list one by one was all of the validation time of an initial ingest.
    /// </summary>
    private static bool TryParseCommon(string text, out DateTime local)
    {
        local = default;
        if (text.Length is not (10 or 19)
            || text[4] != '-' || text[7] != '-'
            || !TryDigits(text, 0, 4, out var year) || !TryDigits(text, 5, 2, out var month) || !TryDigits(text, 8, 2, out var day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        if (text.Length == 10)
        {
            local = new DateTime(year, month, day);
            return true;
        }

        if (text[10] is not (' ' or 'T') || text[13] != ':' || text[16] != ':'
            || !TryDigits(text, 11, 2, out var hour) || !TryDigits(text, 14, 2, out var minute) || !TryDigits(text, 17, 2, out var second)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        local = new DateTime(year, month, day, hour, minute, second);
        return true;
    }

    private static bool TryDigits(string text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }

            value = (value * 10) + (text[i] - '0');
        }

        return true;
    }

    private bool Convert(DateTimeOffset instant, out DateTime local)
    {
        local = DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(instant, zone).DateTime, DateTimeKind.Unspecified);
        return true;
    }

    private static bool InRange(DateTime value, out string problem)
    {
        problem = value.Year is < MinYear or > MaxYear ? $"is outside the years {MinYear}..{MaxYear}" : "";
        return problem.Length == 0;
    }
}
