using KpiIngest.Data.Store;
using KpiIngest.IntegrationTests.Infrastructure;
using KpiIngest.Worker.Cli;
using KpiIngest.Worker.Pipeline;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Service;

/// <summary>
/// A service job runs several runs on one store session (make-up day-closes, then a poll). Between two of them the
/// lease is free and another process (an operator's `once`, a second instance) may change the store, so a run must
/// not trust what an earlier run on the session loaded: the pair numbers of kpi_pair above all.
/// </summary>
public sealed class JobSessionTests
{
    [Fact]
    public async Task SecondRunOnAJobSession_AnotherProcessNumberedANewPairBetweenTheRuns_Succeeds()
    {
        using var workspace = new ProvinceWorkspace();
        workspace.AddUnits(new UnitRow("SO-TP", "Sở Tư pháp", 1), new UnitRow("SO-XD", "Sở Xây dựng", 1));
        workspace.AddProcedures(new ProcedureRow("SO-TP", "P1", 4), new ProcedureRow("SO-XD", "P2", 4));
        workspace.AddDossiers(new DossierRow("D1", "SO-TP", "P1") { Channel = 2, UpdatedAt = ProvinceClock.NowPlus(TimeSpan.FromDays(-1)) });
        using var context = VerbContext.Create(workspace.ConfigPath, contentRoot: workspace.Root);
        var runner = context.Get<KpiRunner>();
        using var job = new RunSession(context.Get<StoreDatabase>());
        var first = await runner.OnceAsync(job, null, RunKinds.Poll, TestContext.Current.CancellationToken);
        first.Succeeded.ShouldBeTrue(first.Error);

        // Between the job's runs another process ingests a dossier of a pair the store had not numbered yet.
        var now = ProvinceClock.Now();
        workspace.AddDossiers(new DossierRow("D2", "SO-XD", "P2") { Channel = 2, ReceivedAt = now, UpdatedAt = now });
        (await workspace.RunAsync("once")).ShouldSucceed();

        var second = await runner.OnceAsync(job, null, RunKinds.Poll, TestContext.Current.CancellationToken);

        second.Succeeded.ShouldBeTrue(second.Error);
    }
}
