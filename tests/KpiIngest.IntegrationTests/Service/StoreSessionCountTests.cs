using KpiIngest.Data.Store;
using KpiIngest.IntegrationTests.EndToEnd;
using KpiIngest.IntegrationTests.Infrastructure;
using KpiIngest.Worker.Cli;
using KpiIngest.Worker.Pipeline;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Service;

/// <summary>
/// One store session per run, one migration per verb: a run's lease, run log, ingest, snapshots, alerts and digest
/// queue share the run's connection instead of each opening (and migrating) the store again. Counted in-process with
/// <see cref="StoreUsage"/>, which sees only this test's flow.
/// </summary>
public sealed class StoreSessionCountTests
{
    [Fact]
    public async Task Once_OnSqlite_OpensTheStoreTwiceAndMigratesOnce()
    {
        using var workspace = new ProvinceWorkspace();
        HandCheckedProvince.Seed(workspace);
        // A lease renewal (every third of the expiry) would open the lease's own connection; an hour keeps it out.
        workspace.Configure("""{ "Service": { "Lease": { "Expiry": "01:00:00" } } }""");

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
}
