namespace KpiIngest.Data.Source;

/// <summary>Local wall-clock times of Source:TimeZone as instants, for columns that hold instants.</summary>
internal static class SourceInstants
{
    /// <summary>
    /// The UTC instant of a local time. A time skipped or repeated by a daylight-saving change takes the zone's
    /// standard offset instead of throwing: the poll's overlap makes an hour's doubt harmless.
    /// </summary>
    public static DateTime ToUtc(DateTime local, TimeZoneInfo zone) =>
        ToOffset(local, zone).UtcDateTime;

    public static DateTimeOffset ToOffset(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        var offset = zone.IsInvalidTime(unspecified) ? zone.BaseUtcOffset : zone.GetUtcOffset(unspecified);
        var utcTicks = unspecified.Ticks - offset.Ticks;
        return utcTicks < DateTime.MinValue.Ticks
            ? DateTimeOffset.MinValue
            : new DateTimeOffset(unspecified, offset);
    }
}
