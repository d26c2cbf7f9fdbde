namespace KpiIngest.Core.Tests.Support;

/// <summary>
/// A settable clock: Microsoft.Extensions.TimeProvider.Testing is not available from this registry, and the
/// few members the core reads (GetUtcNow) are all a test needs.
/// </summary>
internal sealed class FakeTimeProvider(DateTimeOffset utcNow) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = utcNow;

    public override DateTimeOffset GetUtcNow() => Now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
