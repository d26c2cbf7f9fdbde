using System.Text.Json.Nodes;
using KpiIngest.Core.Snapshots;
using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Providers;

/// <summary>
/// Issue 17: <c>report --scorecard</c> with the store on PostgreSQL, where dates, booleans, numerics and instants come
/// back in the server's own types: the rows <see cref="ScorecardSeed"/> wrote read back column by column, and the table.
/// </summary>
public sealed class PostgreSqlScorecardReportTests(PostgreSqlServer server)
{
    [Fact]
    public async Task ReportScorecard_StoreOnPostgreSql_JsonHoldsEveryStoredRowAndTheTableItsScores()
    {
        using var workspace = ScorecardProvinceFixture.Create().UseServerStore(server);
        (await workspace.RunAsync("backfill", "--from", ScorecardProvinceFixture.Date, "--to", ScorecardProvinceFixture.Date)).ShouldSucceed();
        var rows = ScorecardProvinceFixture.RowsOf(ScorecardProvinceFixture.Day);
        using (var connection = workspace.ServerStoreDatabase.ShouldNotBeNull().OpenAdmin())
        {
            ScorecardSeed.Replace(connection, "kpi.", rows);
        }

        var json = (await workspace.RunAsync("report", "--scorecard", "--format", "json")).ShouldSucceed();
        var table = (await workspace.RunAsync("report", "--scorecard")).ShouldSucceed();

        var read = JsonNode.Parse(json.StdOut).ShouldNotBeNull().AsArray().Select(r => r!.AsObject()).ToList();
        read.Count.ShouldBe(rows.Count, json.Describe());
        foreach (var row in rows)
        {
            var shown = read.Single(r => (string?)r["scope"] == row.Scope.Text() && (string?)r["scope_id"] == row.ScopeId && (string?)r["item"] == row.Item);
            ((string?)shown["snapshot_date"], (string?)shown["period_start"]).ShouldBe(("2024-04-30", "2024-04-01"), $"{row}");
            ((int?)shown["level"]).ShouldBe(row.Level, $"{row}");
            ((long?)shown["numerator"], (long?)shown["denominator"]).ShouldBe((row.Numerator, row.Denominator), $"{row}");
            ((decimal?)shown["ratio"], (decimal?)shown["points"]).ShouldBe((row.Ratio, row.Points), $"{row}");
            ((int?)shown["known_max_points"]).ShouldBe(row.KnownMaxPoints, $"{row}");
            ((bool?)shown["is_final"]).ShouldBe(false);
            ((string?)shown["computed_at"]).ShouldBe(ScorecardSeed.ComputedAt);
            ((string?)shown["item_name"]).ShouldNotBeNull($"{row}: the name from kpi_scorecard_item");
        }

        table.StdOut.ShouldContain("Toàn tỉnh: 57,50 điểm, tính được 76/100 điểm", Case.Sensitive, table.Describe());
        var ranked = ScorecardProvinceFixture.UnitRanking.Select(u => table.StdOut.IndexOf($"({u})", StringComparison.Ordinal)).ToList();
        ranked.ShouldAllBe(i => i >= 0, table.Describe());
        ranked.ShouldBeInOrder(SortDirection.Ascending, "units ranked by total: " + table.Describe());
    }
}
