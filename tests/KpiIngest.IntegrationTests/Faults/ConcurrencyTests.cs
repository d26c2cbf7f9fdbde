using System.Globalization;
using System.Text.Json.Nodes;
using KpiIngest.Demo;
using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Faults;

/// <summary>
/// Issue 6, "Concurrency": the SourceSimulator keeps adding dossiers and moving open ones along (new, received,
/// paid, resolved, refused; one short write transaction per step, stamped with the current local time) while the
/// real service polls the same file every two seconds. After the simulator stops and a final poll, the store holds
/// exactly what a fresh full ingest of the final source computes: today's snapshots (but computed_at), the counted
/// dossiers, the daily-pair counts and the quarantine. No poll may miss a row committed while it read, nor count one
/// twice. The simulator stamps each step one second after the last at least, so its rows never commit late with an
/// older updated_at; that case (the poll overlap) is IncrementalTests' Once_RowCommittedLateWithinOverlap_IsStillPickedUp.
/// </summary>
public sealed class ConcurrencyTests
{
    private const int Seed = 61;
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Run_SimulatorWritesWhilePollsRun_FinalFiguresEqualAFreshFullIngest()
    {
        using var polled = new ProvinceWorkspace();
        var today = DateOnly.ParseExact(ProvinceClock.Now()[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var source = Path.Combine(polled.Root, "synthetic.db");
        SyntheticProvince.Create(source, new SyntheticProvinceOptions
        {
            From = new DateOnly(today.Year, today.Month, 1).AddMonths(-1),
            To = today.AddDays(-1),
            Dossiers = 1_500,
            Units = 10,
            CatalogPairs = 80,
            Seed = Seed,
        });
        Configure(polled, source);
        polled.Configure("""{ "Schedule": { "Poll": "0/2 * * * * ?" }, "Service": { "StopTimeout": "00:00:30" } }""");

        var steps = 0;
        await using (var service = polled.Start("run"))
        using (var simulator = new SourceSimulator(source, Seed))
        {
            // Write until the service has polled at least four times after the first (full) ingest, while writing.
            var giveUpAt = DateTime.UtcNow + Guard;
            while (steps < 20 || PollsThatReadChanges(polled) < 4)
            {
                (DateTime.UtcNow < giveUpAt).ShouldBeTrue($"the service polled too rarely while the simulator wrote ({steps} steps).{Environment.NewLine}{service.Describe()}");
                simulator.Step(LocalNow(), newDossiers: 5, changedDossiers: 8);
                steps++;
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }

            service.Terminate();
            (await service.WaitForExitAsync(Guard)).ShouldSucceed();
        }

        var context = $"{steps} simulator steps; runs: {string.Join(", ", polled.Store.Runs().Select(r => $"{r.Kind} {r.Status} read {r.DossiersRead}"))}";
        polled.Store.Runs().ShouldAllBe(r => r.Status == "SUCCEEDED", context);

        // The final poll, then a fresh store fed the final source in one go.
        (await polled.RunAsync("once")).ShouldSucceed();
        using var fresh = new ProvinceWorkspace();
        Configure(fresh, source);
        (await fresh.RunAsync("once")).ShouldSucceed();

        var day = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var expected = StoreImage.Read(fresh.StorePath);
        var actual = StoreImage.Read(polled.StorePath);
        actual.ShouldSatisfyAllConditions(
            () => actual.Date(day).Select(s => s.ToString()).ToList().ShouldBe(expected.Date(day).Select(s => s.ToString()).ToList(), $"today's snapshots. {context}"),
            () => actual.Facts.ShouldBe(expected.Facts, $"counted dossiers. {context}"),
            () => actual.DailyPairs.ShouldBe(expected.DailyPairs, $"daily-pair counts. {context}"),
            () => actual.ActiveQuarantine.ShouldBe(expected.ActiveQuarantine, $"quarantine. {context}"));
        expected.Date(day).ShouldNotBeEmpty();
    }

    private static void Configure(ProvinceWorkspace workspace, string source) =>
        workspace.Configure(new JsonObject { ["Source"] = new JsonObject { ["ConnectionString"] = $"Data Source={source}" } });

    /// <summary>Successful polls, after the first, that read at least one row: polls that ran while the simulator wrote.</summary>
    private static int PollsThatReadChanges(ProvinceWorkspace workspace) =>
        workspace.Store.RunsIfAny().Where(r => r is { Kind: "poll", Status: "SUCCEEDED" }).Skip(1).Count(r => r.DossiersRead > 0);

    private static DateTime LocalNow() =>
        DateTime.ParseExact(ProvinceClock.Now(), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
