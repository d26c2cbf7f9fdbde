using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Infrastructure;

/// <summary>
/// Waits for a condition by looking again every 100 ms until a generous deadline: the tests of the running service
/// wait for what the service does, never for a fixed time, and assert nothing about how long it took.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(90);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    public static async Task Until(Func<bool> condition, string what, TimeSpan? within = null, Func<string>? context = null) =>
        await Until(() => condition() ? true : (bool?)null, what, within, context);

    /// <summary>Returns the first non-null value of <paramref name="probe"/>; a probe that throws counts as "not yet".</summary>
    public static async Task<T> Until<T>(Func<T?> probe, string what, TimeSpan? within = null, Func<string>? context = null)
        where T : struct
    {
        var deadline = DateTime.UtcNow + (within ?? DefaultDeadline);
        Exception? lastError = null;
        while (true)
        {
            try
            {
                if (probe() is { } value)
                {
                    return value;
                }
            }
            catch (Exception error) when (error is not ShouldAssertException)
            {
                lastError = error;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new ShouldAssertException(
                    $"Gave up waiting for {what} after {within ?? DefaultDeadline}." +
                    (lastError is null ? "" : $"{Environment.NewLine}Last error: {lastError.Message}") +
                    (context is null ? "" : $"{Environment.NewLine}{context()}"));
            }

            await Task.Delay(Interval, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>The same for reference results (rows, responses).</summary>
    public static async Task<T> UntilValue<T>(Func<T?> probe, string what, TimeSpan? within = null, Func<string>? context = null)
        where T : class
    {
        T? found = null;
        await Until(() =>
        {
            found = probe();
            return found is not null;
        }, what, within, context);
        return found!;
    }
}
