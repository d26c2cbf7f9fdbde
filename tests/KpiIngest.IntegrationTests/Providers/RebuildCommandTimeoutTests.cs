using System.Text.Json.Nodes;
using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Providers;

/// <summary>
/// A first ingest ends by rebuilding kpi_daily_pair from every fact in one statement, which on a large store takes
/// longer than the driver's default command timeout of 30 s (or the connection string's Command Timeout). Cut off, it
/// would fail the run, and every run after it, since the rebuild stays pending: the rebuild runs without a timeout on
/// the servers. Shown with Command Timeout set to 1 s and a trigger that makes the rebuild's insert last 3 s.
/// </summary>
public abstract class RebuildCommandTimeoutTests(DatabaseServer server)
{
    private const int CommandTimeoutSeconds = 1;

    /// <summary>Statements that make every insert into kpi.kpi_daily_pair last three times the command timeout.</summary>
    protected abstract IReadOnlyList<string> SlowInsertSql { get; }

    [Fact]
    public async Task Once_FirstIngestRebuildOutlastingTheCommandTimeout_Succeeds()
    {
        using var workspace = SmallProvinces.FillApril2024(new ProvinceWorkspace()).UseServerStore(server);
        (await workspace.RunAsync("migrate")).ShouldSucceed();
        var database = workspace.ServerStoreDatabase!;
        foreach (var statement in SlowInsertSql)
        {
            database.ExecuteScript(statement);
        }

#pragma warning disable CA1507 // "Store" is the configuration section.
        workspace.Configure(new JsonObject
        {
            ["Store"] = new JsonObject { ["ConnectionString"] = database.AdminConnectionStringWithCommandTimeout(CommandTimeoutSeconds) },
        });
#pragma warning restore CA1507

        var result = (await workspace.RunAsync("once", "--date", "2024-04-30")).ShouldSucceed();

        workspace.Store.LatestRun().Status.ShouldBe("SUCCEEDED", result.Describe());
        workspace.Store.CountOrZero("kpi_daily_pair").ShouldBeGreaterThan(0, "the rebuild wrote the daily pairs");
    }
}

public sealed class PostgreSqlRebuildCommandTimeoutTests(PostgreSqlServer server) : RebuildCommandTimeoutTests(server)
{
    protected override IReadOnlyList<string> SlowInsertSql =>
    [
        "CREATE FUNCTION public.slow_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(3); RETURN NULL; END $$",
        "CREATE TRIGGER slow_insert AFTER INSERT ON kpi.kpi_daily_pair FOR EACH STATEMENT EXECUTE FUNCTION public.slow_insert()",
    ];
}

public sealed class SqlServerRebuildCommandTimeoutTests(SqlServerInstance server) : RebuildCommandTimeoutTests(server)
{
    protected override IReadOnlyList<string> SlowInsertSql =>
    [
        "CREATE TRIGGER kpi.slow_insert ON kpi.kpi_daily_pair AFTER INSERT AS BEGIN SET NOCOUNT ON; WAITFOR DELAY '00:00:03'; END",
    ];
}
