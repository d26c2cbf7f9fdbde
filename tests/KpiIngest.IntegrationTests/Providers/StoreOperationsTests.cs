using System.Diagnostics;
using System.Text.Json.Nodes;
using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Providers;

/// <summary>
/// What ops teams and DBAs do with a store on a server, through the real CLI against a real server: instances that
/// start together upgrade it once, a DBA applies `migrate --script` for a service login without DDL rights (set up
/// with deploy/sql's store-service-grants.sql), and two `run` instances share the schedule (issue 5, high
/// availability), one of them killed in the middle of a run. The same checks on each engine.
/// </summary>
public abstract class StoreOperationsTests(DatabaseServer server)
{
    private static readonly TimeSpan ExitDeadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Migrate_TwoInstancesStartTogether_TheStoreIsUpgradedOnce()
    {
        using var workspace = SmallProvince().UseServerStore(server);

        var both = await Task.WhenAll(workspace.RunAsync("migrate"), workspace.RunAsync("migrate"));

        foreach (var result in both)
        {
            result.ShouldSucceed();
        }

        // The migration lock: one applied everything, the other waited and found nothing pending.
        both.Count(r => r.Output.Contains("Applied 0001_CreateStore", StringComparison.Ordinal)).ShouldBe(1, Describe(both));
        both.Count(r => r.Output.Contains("The store is up to date.", StringComparison.Ordinal)).ShouldBe(1, Describe(both));
        using var connection = workspace.ServerStoreDatabase!.OpenAdmin();
        var versions = ServerEngine.Strings(connection, "SELECT version FROM kpi.kpi_schema_version ORDER BY version");
        versions.ShouldBe(versions.Distinct().ToList());
        versions.ShouldContain("0001_CreateStore");
        versions.ShouldContain("0011_CreateJobClaim");
    }

    [Fact]
    public async Task MigrateScript_ServiceLoginWithoutDdlRights_DbaAppliesItAndTheServiceRunsOnTheUpgradedStore()
    {
        using var workspace = SmallProvince().UseServerStore(server);
        var database = workspace.ServerStoreDatabase!;

        // The DBA's schema, and a service login that may read and write its tables but create nothing.
        var login = DeployLoginScripts.Run(database, "store-service-grants.sql", "service");
        var serviceLogin = server.ConnectionString(database.Name, login.Name, login.Password);
        workspace.Configure(new JsonObject { ["Store"] = new JsonObject { ["ConnectionString"] = serviceLogin } });

        var refused = await workspace.RunAsync("once", "--date", "2024-04-30");
        refused.ExitCode.ShouldNotBe(0, refused.Describe());

        var scriptPath = Path.Combine(workspace.Root, "pending.sql");
        var written = (await workspace.RunAsync("migrate", "--script", scriptPath)).ShouldSucceed();
        written.Output.ShouldContain("the store was not changed", Case.Sensitive, written.Describe());
        var script = await File.ReadAllTextAsync(scriptPath, TestContext.Current.CancellationToken);
        script.ShouldContain("0001_CreateStore");
        script.ShouldContain("0011_CreateJobClaim");
        using (var connection = database.OpenAdmin())
        {
            ServerEngine.Strings(connection, "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'kpi'")
                .ShouldBeEmpty("migrate --script must not change the store");
        }

        database.ExecuteScript(script);

        (await workspace.RunAsync("once", "--date", "2024-04-30")).ShouldSucceed();
        workspace.Store.Snapshots("2024-04-30").ShouldNotBeEmpty();
        var again = (await workspace.RunAsync("migrate", "--script", scriptPath)).ShouldSucceed();
        again.Output.ShouldContain("The store is up to date", Case.Sensitive, again.Describe());
    }

    [Fact]
    public async Task Run_TwoInstancesOneKilledMidRun_EachFiringRunsOnceAndTheSurvivorTakesOver()
    {
        using var workspace = SmallProvince().UseServerStore(server);
        workspace.Configure("""
            {
              "Schedule": { "Poll": "0/2 * * * * ?" },
              "Service": { "StopTimeout": "00:00:20", "Lease": { "Expiry": "00:00:10", "Wait": "00:01:30" } }
            }
            """);
        var pauseFile = Path.Combine(workspace.Root, "a-paused");

        // A pauses inside its third poll (two snapshot checkpoints per poll), holding the run lease, to be killed there.
        await using var first = workspace.Start(
            new Dictionary<string, string> { ["KPIINGEST_FAULT_PAUSE_AT"] = $"snapshot:5:{pauseFile}" }, "run");
        await Eventually.Until(() => SucceededPolls(workspace) >= 1, "instance A's first poll to succeed", context: first.Describe);
        await using var second = workspace.Start("run");

        await Eventually.Until(() => File.Exists(pauseFile), "instance A to pause in the middle of a poll",
            TimeSpan.FromMinutes(3), () => first.Describe() + second.Describe());
        // B claims firings too (and waits for the lease A holds while paused): both instances fire the one schedule.
        var claimsBeforeKill = await Eventually.UntilValue(
            () => Claims(workspace) is var claims && claims.Select(c => c.Holder).Distinct().Count() == 2 ? claims : null,
            "instance B to claim a firing", TimeSpan.FromMinutes(2), second.Describe);
        using (var killed = Process.GetProcessById(first.Id))
        {
            killed.Kill(); // SIGKILL: no finally block, no lease release
            await killed.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        var pollsAtKill = SucceededPolls(workspace);
        await Eventually.Until(() => SucceededPolls(workspace) >= pollsAtKill + 3, "instance B to take over the polls",
            TimeSpan.FromMinutes(3), second.Describe);
        second.Terminate();
        (await second.WaitForExitAsync(ExitDeadline)).ShouldSucceed();

        // No firing was claimed twice, and A (dead) claimed none after its kill.
        var claims = Claims(workspace);
        claims.Select(c => c.FireTime).Distinct().Count().ShouldBe(claims.Count);
        var holderOfA = claimsBeforeKill[0].Holder;
        claims.Count(c => c.Holder == holderOfA).ShouldBe(claimsBeforeKill.Count(c => c.Holder == holderOfA));

        // Each claimed firing ran once: never more runs than firings (two instances without claims would run each twice),
        // at most the firing B was claiming when it stopped without a run.
        var polls = workspace.Store.Runs().Where(r => r.Kind == "poll").ToList();
        polls.Count.ShouldBeLessThanOrEqualTo(claims.Count);
        polls.Count.ShouldBeGreaterThanOrEqualTo(claims.Count - 1);

        // A's cut-off run is ABANDONED, and runs never overlapped (the lease), across both processes.
        polls.Count(r => r.Status == "ABANDONED").ShouldBe(1);
        var intervals = polls.Where(r => r.FinishedAt is not null)
            .Select(r => (Start: DateTimeOffset.Parse(r.StartedAt!, System.Globalization.CultureInfo.InvariantCulture),
                End: DateTimeOffset.Parse(r.FinishedAt!, System.Globalization.CultureInfo.InvariantCulture)))
            .Where(r => r.End > r.Start)
            .OrderBy(r => r.Start)
            .ToList();
        for (var i = 1; i < intervals.Count; i++)
        {
            intervals[i].Start.ShouldBeGreaterThanOrEqualTo(intervals[i - 1].End, "two runs overlapped");
        }

        // The store holds what an uninterrupted run would: the one (online) dossier, counted once.
        (await workspace.RunAsync("once", "--date", "2024-04-30")).ShouldSucceed();
        workspace.Store.Snapshots("2024-04-30", "MTD")
            .Single(r => r is { Scope: "PROVINCE", Indicator: "ONLINE_DOSSIER" })
            .ShouldSatisfyAllConditions(r => r.Numerator.ShouldBe(1), r => r.Denominator.ShouldBe(1));
    }

    private static int SucceededPolls(ProvinceWorkspace workspace) =>
        workspace.Store.RunsIfAny().Count(r => r is { Kind: "poll", Status: "SUCCEEDED" });

    private static List<(DateTime FireTime, string Holder)> Claims(ProvinceWorkspace workspace)
    {
        using var connection = workspace.ServerStoreDatabase!.OpenAdmin();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT fire_time, holder FROM kpi.kpi_job_claim WHERE job = 'poll' ORDER BY fire_time";
        using var reader = command.ExecuteReader();
        var claims = new List<(DateTime, string)>();
        while (reader.Read())
        {
            claims.Add((reader.GetDateTime(0), reader.GetString(1)));
        }

        return claims;
    }

    /// <summary>One unit, one procedure, one dossier received the day before yesterday.</summary>
    private static ProvinceWorkspace SmallProvince()
    {
        var workspace = new ProvinceWorkspace();
        workspace.AddUnits(new UnitRow("SO-TP", "Sở Tư pháp", 1));
        workspace.AddProcedures(new ProcedureRow("SO-TP", "P1", 4) { HasFee = 1, OnlinePayment = 1 });
        workspace.AddDossiers(new DossierRow("D1", "SO-TP", "P1") { Channel = 2, UpdatedAt = ProvinceClock.NowPlus(TimeSpan.FromDays(-1)) });
        return workspace;
    }

    private static string Describe(IEnumerable<CliResult> results) => string.Join(Environment.NewLine, results.Select(r => r.Describe()));
}

/// <summary>The store operations on PostgreSQL (the initdb fixture): run everywhere.</summary>
public sealed class PostgreSqlStoreOperationsTests(PostgreSqlServer server) : StoreOperationsTests(server);

/// <summary>The store operations on SQL Server (KPIINGEST_TEST_SQLSERVER), with the T-SQL grants for the DML-only login.</summary>
public sealed class SqlServerStoreOperationsTests(SqlServerInstance server) : StoreOperationsTests(server);
