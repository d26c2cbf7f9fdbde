using System.Globalization;
using KpiIngest.Core.Alerts;

namespace KpiIngest.Worker.Display;

/// <summary>
/// The one owner of how a person reads figures and dates, in tables, the demo's summary and emails: Vietnamese
/// conventions, <c>60.000 hồ sơ</c>, <c>44,79%</c>, <c>05/12/2026</c>. Output for programs (CSV, JSON, the store)
/// stays invariant and never comes through here.
/// </summary>
public static class VietnameseFormat
{
    /// <summary>
    /// Built by hand rather than taken from the vi-VN culture: the digits must not depend on the ICU data the machine
    /// has, nor fail in invariant-globalization mode (a trimmed or container build may turn it on).
    /// </summary>
    public static readonly NumberFormatInfo Numbers = new()
    {
        NumberGroupSeparator = ".",
        NumberDecimalSeparator = ",",
        NumberGroupSizes = [3],
        PercentGroupSeparator = ".",
        PercentDecimalSeparator = ",",
        NegativeSign = "-",
    };

    /// <summary>A count: 60.000.</summary>
    public static string Count(long value) => value.ToString("#,0", Numbers);

    /// <summary>A ratio in percent points, no sign (a table column headed "%"): 44,79; "—" for no data.</summary>
    public static string Ratio(decimal? value) => value is null ? "—" : value.Value.ToString("#,0.00", Numbers);

    /// <summary>A ratio with its sign: 44,79%; "—" for no data.</summary>
    public static string Percent(decimal? value) => value is null ? "—" : Ratio(value) + "%";

    /// <summary>A difference of ratios: 1,50 điểm; "—" for no data.</summary>
    public static string Points(decimal? value) => value is null ? "—" : Ratio(value) + " điểm";

    /// <summary>A day: 05/12/2026.</summary>
    public static string Date(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>A day and month within a known year: 05/12.</summary>
    public static string DayMonth(DateOnly day) => day.ToString("dd/MM", CultureInfo.InvariantCulture);

    /// <summary>A month: 12/2026.</summary>
    public static string Month(DateOnly day) => day.ToString("MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>A moment of a known day: 14:30 ngày 05/12/2026.</summary>
    public static string Moment(DateTime local) =>
        local.ToString("HH:mm", CultureInfo.InvariantCulture) + " ngày " + Date(DateOnly.FromDateTime(local));

    /// <summary>An instant as read in a zone, with that zone's offset: 14:30 ngày 05/12/2026 (UTC+07:00).</summary>
    public static string Moment(DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        return $"{Moment(local.DateTime)} (UTC{local.ToString("zzz", CultureInfo.InvariantCulture)})";
    }

    /// <summary>An elapsed time in seconds, one decimal: 41,3 s.</summary>
    public static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("#,0.0", Numbers) + " s";

    /// <summary>Severity as the rest of a Vietnamese text reads it.</summary>
    public static string Severity(AlertSeverity severity) => severity == AlertSeverity.Critical ? "Nghiêm trọng" : "Cảnh báo";

    /// <summary>Severity as the store spells it (CRITICAL, WARNING), in Vietnamese; anything else unchanged.</summary>
    public static string Severity(string stored) => stored switch
    {
        "CRITICAL" => Severity(AlertSeverity.Critical),
        "WARNING" => Severity(AlertSeverity.Warning),
        _ => stored,
    };
}
