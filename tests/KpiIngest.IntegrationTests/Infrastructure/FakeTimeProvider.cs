using System.Globalization;

namespace KpiIngest.IntegrationTests.Infrastructure;

/// <summary>
/// A settable clock (a copy of the Core tests' one): Microsoft.Extensions.TimeProvider.Testing is not available from
/// this registry, and the service's pure decisions read only GetUtcNow.
/// </summary>
public sealed class FakeTimeProvider(DateTimeOffset utcNow) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = utcNow;

    public override DateTimeOffset GetUtcNow() => Now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>The instant a Ho Chi Minh City wall clock (UTC+7) reads <paramref name="local"/> (yyyy-MM-dd HH:mm:ss).</summary>
    public static FakeTimeProvider AtLocal(string local) =>
        new(new DateTimeOffset(DateTime.ParseExact(local, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), TimeSpan.FromHours(7)));
}
