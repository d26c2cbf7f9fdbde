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
        local = default;
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
