using System.Globalization;
using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.EndToEnd;

/// <summary>
/// operations.md: a verb that writes snapshots of a date (<c>once --date</c>, <c>backfill --from/--to</c>) refuses a
/// day after today, the province's local date (Source:TimeZone), with exit code 2 and one sentence naming the
/// argument, before any work: a snapshot of a day that has not happened would be a figure nobody can have.
/// "Today" is the real clock in the province's zone (<see cref="ProvinceClock"/>); a test whose run straddled the
/// province's midnight cannot tell which today the CLI saw and skips, saying so.
/// </summary>
public sealed class FutureDateTests
{
    /// <param name="verb">The verb and its date options, each date given as days after today.</param>
    /// <param name="refused">The option the refusal must name.</param>
    /// <param name="refusedOffset">Its date, in days after today.</param>
    [Theory]
    [InlineData(new[] { "once", "--date", "1" }, "--date", 1)]
    [InlineData(new[] { "backfill", "--from", "-2", "--to", "1" }, "--to", 1)]
    [InlineData(new[] { "backfill", "--from", "1", "--to", "3" }, "--from", 1)]
    public async Task DateAfterToday_ExitsTwoNamingTheArgumentAndWritesNothing(string[] verb, string refused, int refusedOffset)
    {
        using var workspace = CreateProvince();
        var today = Today();
        var arguments = verb.Select((a, i) => i > 0 && verb[i - 1].StartsWith("--", StringComparison.Ordinal)
            ? Day(today.AddDays(int.Parse(a, CultureInfo.InvariantCulture)))
            : a).ToArray();

        var result = await workspace.RunAsync(arguments);

        SkipIfMidnightPassed(today);
        result.ShouldExitWith(2);
        result.StdErr.ShouldContain($"{refused} {Day(today.AddDays(refusedOffset))}", Case.Sensitive, result.Describe());
        workspace.Store.StoreFileExists.ShouldBeFalse("refused before any work: not even the store is created");
    }

    [Fact]
    public async Task Once_DateToday_Succeeds()
    {
        using var workspace = CreateProvince();
        var today = Today();

        (await workspace.RunAsync("once", "--date", Day(today))).ShouldSucceed();

        workspace.Store.Snapshots(Day(today)).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Backfill_UpToToday_Succeeds()
    {
        using var workspace = CreateProvince();
        var today = Today();

        (await workspace.RunAsync("backfill", "--from", Day(today.AddDays(-1)), "--to", Day(today))).ShouldSucceed();

        workspace.Store.Snapshots(Day(today)).ShouldNotBeEmpty();
    }

    private static ProvinceWorkspace CreateProvince()
    {
        var workspace = new ProvinceWorkspace();
        workspace.AddUnits(new UnitRow("SO-TP", "Sở Tư pháp", 1));
        workspace.AddProcedures(new ProcedureRow("SO-TP", "P1", 4));
        workspace.AddDossiers(new DossierRow("R1", "SO-TP", "P1") { ReceivedAt = ProvinceClock.NowPlus(TimeSpan.FromDays(-3)) });
        return workspace;
    }

    private static DateOnly Today() => DateOnly.ParseExact(ProvinceClock.Now()[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void SkipIfMidnightPassed(DateOnly today)
    {
        if (Today() != today)
        {
            Assert.Skip($"The province's midnight passed during the test (today was {Day(today)}, is now {Day(Today())}): "
                + "which day the CLI took for today is unknown, so the refusal cannot be judged.");
        }
    }
}
