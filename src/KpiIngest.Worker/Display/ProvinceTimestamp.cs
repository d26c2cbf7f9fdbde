using Serilog.Core;
using Serilog.Events;

namespace KpiIngest.Worker.Display;

/// <summary>
/// Adds <c>ProvinceTime</c> to every log event: its timestamp in the province's zone (Source:TimeZone), whatever zone
/// the machine is set to, so a log line reads in the same clock as the figures, the schedule and the demo's simulator.
/// Output templates show it with its offset: <c>{ProvinceTime:yyyy-MM-dd HH:mm:ss zzz}</c> (see <see cref="ConsoleTemplate"/>).
/// </summary>
public sealed class ProvinceTimestamp(TimeZoneInfo zone) : ILogEventEnricher
{
    public const string PropertyName = "ProvinceTime";

    /// <summary>The console's lines: time of day with the zone's offset, [14:30:05 +07:00 INF].</summary>
    public const string ConsoleTemplate = "[{ProvinceTime:HH:mm:ss zzz} {Level:u3}] {Message:lj}{NewLine}{Exception}";

    /// <summary>The log file's lines: the date too, as a file spans days.</summary>
    public const string FileTemplate = "{ProvinceTime:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {Message:lj}{NewLine}{Exception}";

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        logEvent.AddPropertyIfAbsent(new LogEventProperty(PropertyName, new ScalarValue(TimeZoneInfo.ConvertTime(logEvent.Timestamp, zone))));
    }
}
