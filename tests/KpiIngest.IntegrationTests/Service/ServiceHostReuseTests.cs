using KpiIngest.IntegrationTests.Infrastructure;
using KpiIngest.Worker.Cli;
using KpiIngest.Worker.Service;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Service;

/// <summary>
/// The service host is reusable for settings made in code (what `demo` does with its synthetic province and a
/// short schedule): RunVerb.RunAsync runs it until the token is cancelled and returns 0.
/// </summary>
public sealed class ServiceHostReuseTests
{
    [Fact]
    public async Task RunAsync_SettingsMadeInCode_PollsOnTheirScheduleAndStopsCleanlyWhenCancelled()
    {
        using var workspace = new ProvinceWorkspace();
        workspace.AddUnits(new UnitRow("SO-TP", "Sở Tư pháp", 1));
        workspace.AddProcedures(new ProcedureRow("SO-TP", "P1", 4));
        workspace.AddDossiers(new DossierRow("D1", "SO-TP", "P1") { Channel = 2 });
        var settings = new Dictionary<string, string?>
        {
            ["Source:ConnectionString"] = $"Data Source={workspace.SourcePath}",
            ["Store:ConnectionString"] = $"Data Source={workspace.StorePath}",
            ["Schedule:Poll"] = "0/2 * * * * ?",
            ["Email:PickupDirectory"] = workspace.OutboxPath,
            ["Service:StopTimeout"] = "00:00:20",
        };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var service = RunVerb.RunAsync(configFile: null, settings, workspace.Root, stop.Token);
        await Eventually.Until(
            () => service.IsCompleted || workspace.Store.RunsIfAny().Any(r => r is { Kind: "poll", Status: "SUCCEEDED" }),
            "a poll to succeed");
        await stop.CancelAsync();

        (await service).ShouldBe(0);
        workspace.Store.Runs().ShouldContain(r => r.Kind == "poll" && r.Status == "SUCCEEDED");
        workspace.Store.Runs().ShouldNotContain(r => r.Status == "RUNNING");
    }
}
