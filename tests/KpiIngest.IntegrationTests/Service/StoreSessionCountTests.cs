using KpiIngest.Data.Store;
using KpiIngest.IntegrationTests.EndToEnd;
using KpiIngest.IntegrationTests.Infrastructure;
using KpiIngest.Worker.Cli;
using KpiIngest.Worker.Hosting;
using KpiIngest.Worker.Pipeline;
using KpiIngest.Worker.Service;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Service;

/// <summary>
/// One store session per run, one migration per verb: a run's lease, run log, ingest, snapshots, alerts and digest
/// queue share the run's connection instead of each opening (and migrating) the store again; a service job's claim
/// of its firing, its make-up reads and its OPS check share it too. Counted in-process with <see cref="StoreUsage"/>,
/// which sees only this test's flow.
/// </summary>
public sealed class StoreSessionCountTests
{
    [Fact]
    public async Task Once_OnSqlite_OpensTheStoreTwiceAndMigratesOnce()
    {
        using var workspace = SeededWorkspace();

        using var usage = StoreUsage.Track();
        using (var context = VerbContext.Create(workspace.ConfigPath, contentRoot: workspace.Root))
        {
            var outcome = await context.Get<KpiRunner>().OnceAsync(new DateOnly(2024, 4, 30), RunKinds.Once, TestContext.Current.CancellationToken);
            outcome.Succeeded.ShouldBeTrue(outcome.Error);
        }

        usage.MigratorRuns.ShouldBe(1);
        usage.ConnectionsOpened.ShouldBe(2); // the migration's, then the run's session
        workspace.Store.Runs().ShouldHaveSingleItem().Status.ShouldBe("SUCCEEDED");
    }

    [Fact]
    public async Task ServicePoll_OnSqlite_ClaimsRunsAndChecksOnOneSession()
    {
        using var workspace = SeededWorkspace();

        using var usage = StoreUsage.Track();
        using (var host = BuildService(workspace))
        {
            await host.Services.GetRequiredService<ServiceJobs>().PollAsync(DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);
        }

        usage.MigratorRuns.ShouldBe(1);
        usage.ConnectionsOpened.ShouldBe(2); // the migration's, then the job's one session: claim, run, OPS check
        workspace.Store.Runs().ShouldHaveSingleItem().Status.ShouldBe("SUCCEEDED");
        workspace.Store.CountOrZero("kpi_job_claim").ShouldBe(1);
    }

    [Fact]
    public async Task ServiceMakeUp_OnSqlite_ReadsClosesDaysPollsAndChecksOnOneSession()
    {
        using var workspace = SeededWorkspace();
        // Every minute's day-close is due; the poll (every 2 s) was missed: the make-up closes a day, then polls.
        workspace.Configure("""{ "Schedule": { "DayClose": "0 * * * * ?", "Poll": "0/2 * * * * ?" } }""");

        using var usage = StoreUsage.Track();
        using (var host = BuildService(workspace))
        {
            await host.Services.GetRequiredService<ServiceJobs>().MakeUpAsync(TestContext.Current.CancellationToken);
        }

        usage.MigratorRuns.ShouldBe(1);
        usage.ConnectionsOpened.ShouldBe(2); // the migration's, then the job's one session for every read, run and check
        var runs = workspace.Store.Runs();
        runs.Select(r => (r.Kind, r.Status)).ShouldBe([("day-close", "SUCCEEDED"), ("poll", "SUCCEEDED")]);
    }

    /// <summary>The hand-checked province, with a lease that is never renewed during the test.</summary>
    private static ProvinceWorkspace SeededWorkspace()
    {
        var workspace = new ProvinceWorkspace();
        HandCheckedProvince.Seed(workspace);
        // A lease renewal (every third of the expiry) would open the lease's own connection; an hour keeps it out.
        workspace.Configure("""{ "Service": { "Lease": { "Expiry": "01:00:00" } } }""");
        return workspace;
    }

    /// <summary>The service's container, not started: the test calls the jobs the scheduler would.</summary>
    private static IHost BuildService(ProvinceWorkspace workspace)
    {
        var builder = KpiHost.CreateBuilder(workspace.ConfigPath, contentRootOption: workspace.Root);
        builder.AddKpiIngest();
        builder.AddKpiService();
        return builder.Build();
    }
}
