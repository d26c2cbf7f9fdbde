using System.Globalization;
using System.Text.Json.Nodes;
using KpiIngest.Core.Periods;
using KpiIngest.Core.Scorecard;
using KpiIngest.Core.Snapshots;
using KpiIngest.IntegrationTests.Display;
using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.EndToEnd;

/// <summary>
/// Issue 17: <c>report --scorecard</c> through the real CLI on a real SQLite store holding the scorecard rows
/// <see cref="ScorecardProvinceFixture"/> wrote: the table a person reads at 80 and 160 columns, every row for a script
/// in CSV and JSON, the option combinations it refuses, and a store without scorecard rows.
/// </summary>
public sealed class ScorecardReportTests(ScorecardProvinceFixture fixture) : IClassFixture<ScorecardProvinceFixture>
{
    private static readonly string[] Groups = ["G1", "G2", "G3", "G4", "G5", "G6"];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReportScorecard_WideTerminal_ShowsEachScopesGroupsAndTotalRankedWithTheRuleSetAndMissingItems()
    {
        var workspace = fixture.Workspace;

        var result = (await KpiCli.RunInTerminalAsync(workspace.Root, 160, ["report", "--scorecard", "--config", workspace.ConfigPath], Cancellation)).ShouldSucceed();

        ShouldFit(result, 160);
        result.StdOut.ShouldContain("Bộ chỉ số 766 — ước tính theo quy tắc DVCQG 2026", Case.Sensitive, result.Describe());
        result.StdOut.ShouldContain("Toàn tỉnh: 57,50 điểm, tính được 76/100 điểm", Case.Sensitive, result.Describe());
        var table = TerminalTable.Read(result.StdOut).ShouldHaveSingleItem(result.Describe());
        table.Header.ShouldBe(["Phạm vi", "G1", "G2", "G3", "G4", "G5", "G6", "Tổng", "Tính được"], result.Describe());
        table.Rows.Select(r => r[0]).ShouldBe(
        [
            "Toàn tỉnh", "Cấp tỉnh", "Cấp huyện", "Cấp xã",
            "UBND xã An Hòa (X-AH)", $"{ScorecardProvinceFixture.HostileName} (SO-TP)", "UBND huyện An Lão (H-AL)",
        ], result.Describe()); // units ranked by total, highest first
        foreach (var (row, (scope, scopeId)) in table.Rows.Zip(Scopes()))
        {
            var expected = Groups.Select(g => Points(fixture.Row(scope, scopeId, g).Points))
                .Append(Points(fixture.Row(scope, scopeId, ScorecardRuleSet.Total).Points)).Append("76/100");
            row.Skip(1).ShouldBe(expected, $"{scope} {scopeId}{Environment.NewLine}{result.Describe()}");
        }

        // The five items nothing was entered for, by name; the line explaining the bases.
        foreach (var item in ScorecardSeed.Items.Where(i => i.Basis == ScoreBasis.Missing))
        {
            result.StdOut.ShouldContain($"{item.Group} {item.Code}: {item.NameVi} ({item.MaxPoints} điểm)", Case.Sensitive, result.Describe());
        }

        result.StdOut.ShouldContain("4 mục PROVISIONAL", Case.Sensitive, result.Describe());
        result.StdOut.ShouldContain("3 mục PROXY", Case.Sensitive, result.Describe());
        result.StdOut.ShouldContain("G1 Công khai, minh bạch (tối đa 18 điểm)", Case.Sensitive, result.Describe());
    }

    [Fact]
    public async Task ReportScorecard_NarrowTerminal_FitsEightyColumnsKeepingEveryGroupAndTotal()
    {
        var workspace = fixture.Workspace;

        var result = (await KpiCli.RunInTerminalAsync(workspace.Root, 80, ["report", "--scorecard", "--config", workspace.ConfigPath], Cancellation)).ShouldSucceed();

        ShouldFit(result, 80);
        var table = TerminalTable.Read(result.StdOut).ShouldHaveSingleItem(result.Describe());
        table.Header.ShouldBe(["Phạm vi", "G1", "G2", "G3", "G4", "G5", "G6", "Tổng"], result.Describe()); // "Tính được" gives way
        table.Rows.Count.ShouldBe(7, result.Describe());
        table.Rows[4][7].ShouldBe(Points(fixture.Row(ScopeKind.Unit, "X-AH", ScorecardRuleSet.Total).Points), result.Describe());
        result.StdOut.ShouldContain("Toàn tỉnh: 57,50 điểm, tính được 76/100 điểm", Case.Sensitive, result.Describe());
    }

    [Fact]
    public async Task ReportScorecard_Csv_EveryRowWithEveryColumnInInvariantFormPlusTheRuleSet()
    {
        var result = (await fixture.Workspace.RunAsync("report", "--scorecard", "--format", "csv")).ShouldSucceed();

        var records = Csv.Parse(result.StdOut);
        records[0].ShouldBe(
        [
            "snapshot_date", "period", "period_start", "scope", "scope_id", "scope_name", "level", "item", "item_name", "group_code",
            "numerator", "denominator", "ratio", "points", "max_points", "known_max_points", "basis", "is_final", "computed_at", "rule_set",
        ]);
        var lines = records.Skip(1).ToList();
        lines.Count.ShouldBe(fixture.Rows.Count, result.Describe());
        foreach (var row in fixture.Rows)
        {
            var line = lines.Where(l => l[3] == row.Scope.Text() && l[4] == row.ScopeId && l[7] == row.Item).ShouldHaveSingleItem($"{row}");
            line.ShouldBe(
            [
                "2024-04-30", "MTD", "2024-04-01", row.Scope.Text(), row.ScopeId, ScopeName(row), Invariant(row.Level), row.Item,
                ItemName(row.Item), row.GroupCode, Invariant(row.Numerator), Invariant(row.Denominator), Invariant(row.Ratio),
                Invariant(row.Points), Invariant(row.MaxPoints), Invariant(row.KnownMaxPoints), row.Basis?.ToString().ToUpperInvariant() ?? "",
                "0", ScorecardSeed.ComputedAt, "DVCQG 2026",
            ], $"{row}");
        }

        var province = lines.Single(l => l[3] == "PROVINCE" && l[7] == "TOTAL");
        (province[13], province[15]).ShouldBe(("57.50", "76"), "points with a decimal point, never a comma");
    }

    [Fact]
    public async Task ReportScorecard_CsvForOneScope_HoldsOnlyThatScopesRows()
    {
        var result = (await fixture.Workspace.RunAsync("report", "--scorecard", "--format", "csv", "--scope", "UNIT")).ShouldSucceed();

        var lines = Csv.Parse(result.StdOut).Skip(1).ToList();
        lines.Count.ShouldBe(fixture.Rows.Count(r => r.Scope == ScopeKind.Unit), result.Describe());
        lines.ShouldAllBe(l => l[3] == "UNIT");
    }

    [Fact]
    public async Task ReportScorecard_Json_EveryRowWithEveryColumnAsNumbersAndTheRuleSet()
    {
        var result = (await fixture.Workspace.RunAsync("report", "--scorecard", "--format", "json", "--date", ScorecardProvinceFixture.Date)).ShouldSucceed();

        var rows = JsonNode.Parse(result.StdOut).ShouldNotBeNull().AsArray();
        rows.Count.ShouldBe(fixture.Rows.Count, result.Describe());
        foreach (var row in fixture.Rows)
        {
            var json = rows.Select(r => r!.AsObject())
                .Single(r => (string?)r["scope"] == row.Scope.Text() && (string?)r["scope_id"] == row.ScopeId && (string?)r["item"] == row.Item);
            json.Select(p => p.Key).ShouldBe(
            [
                "snapshot_date", "period", "period_start", "scope", "scope_id", "scope_name", "level", "item", "item_name", "group_code",
                "numerator", "denominator", "ratio", "points", "max_points", "known_max_points", "basis", "is_final", "computed_at", "rule_set",
            ]);
            ((string?)json["snapshot_date"], (string?)json["period"], (string?)json["period_start"]).ShouldBe(("2024-04-30", "MTD", "2024-04-01"));
            ((string?)json["scope_name"]).ShouldBe(row.Scope == ScopeKind.Unit ? ScopeName(row) : null);
            ((int?)json["level"]).ShouldBe(row.Level);
            ((string?)json["item_name"]).ShouldBe(ItemName(row.Item));
            ((string?)json["group_code"]).ShouldBe(row.GroupCode);
            ((long?)json["numerator"]).ShouldBe(row.Numerator);
            ((long?)json["denominator"]).ShouldBe(row.Denominator);
            ((decimal?)json["ratio"]).ShouldBe(row.Ratio);
            ((decimal?)json["points"]).ShouldBe(row.Points, $"{row}");
            ((int?)json["max_points"]).ShouldBe(row.MaxPoints);
            ((int?)json["known_max_points"]).ShouldBe(row.KnownMaxPoints);
            ((string?)json["basis"]).ShouldBe(row.Basis?.ToString().ToUpperInvariant());
            ((bool?)json["is_final"]).ShouldBe(false);
            ((string?)json["computed_at"]).ShouldBe(ScorecardSeed.ComputedAt);
            ((string?)json["rule_set"]).ShouldBe("DVCQG 2026");
        }
    }

    [Theory]
    [InlineData("--period DAY", "the scorecard has no DAY rows")]
    [InlineData("--alerts", "--alerts and --scorecard are two different reports")]
    [InlineData("--format html", "--scorecard has no html form of its own")]
    [InlineData("--format xlsx --output x.xlsx", "--scorecard has no xlsx form of its own")]
    public async Task ReportScorecard_WithWhatItHasNoFormFor_ExitsTwoWithASentence(string options, string sentence)
    {
        var result = await fixture.Workspace.RunAsync(["report", "--scorecard", .. options.Split(' ')]);

        result.ShouldExitWith(2);
        result.StdErr.ShouldContain(sentence, Case.Sensitive, result.Describe());
        result.StdOut.ShouldBeEmpty(result.Describe());
    }

    [Fact]
    public async Task ReportScorecard_StoreWithoutScorecardRows_SaysSoAndExitsZero()
    {
        using var workspace = ScorecardProvinceFixture.Create();
        workspace.Configure("""{ "Scorecard": { "Enabled": false } }""");
        (await workspace.RunAsync("backfill", "--from", "2024-04-30", "--to", "2024-04-30")).ShouldSucceed();

        var table = (await workspace.RunAsync("report", "--scorecard")).ShouldSucceed();
        var csv = (await workspace.RunAsync("report", "--scorecard", "--format", "csv")).ShouldSucceed();
        var json = (await workspace.RunAsync("report", "--scorecard", "--format", "json")).ShouldSucceed();

        table.StdOut.ShouldContain("No MTD scorecard rows for 30/04/2024: the scorecard is turned off (Scorecard:Enabled)", Case.Sensitive, table.Describe());
        Csv.Parse(csv.StdOut).Count.ShouldBe(1, "the header alone: " + csv.Describe());
        JsonNode.Parse(json.StdOut).ShouldNotBeNull().AsArray().ShouldBeEmpty(json.Describe());
    }

    /// <summary>The table's scopes in order: province, levels, units ranked by total.</summary>
    private static IEnumerable<(ScopeKind Scope, string ScopeId)> Scopes() =>
    [
        (ScopeKind.Province, ""), (ScopeKind.Level, "1"), (ScopeKind.Level, "2"), (ScopeKind.Level, "3"),
        .. ScorecardProvinceFixture.UnitRanking.Select(u => (ScopeKind.Unit, u)),
    ];

    private static string ScopeName(ScorecardRow row) => row.Scope != ScopeKind.Unit ? "" : row.ScopeId switch
    {
        "SO-TP" => ScorecardProvinceFixture.HostileName,
        "H-AL" => "UBND huyện An Lão",
        _ => "UBND xã An Hòa",
    };

    private static string ItemName(string code) =>
        ScorecardSeed.Items.FirstOrDefault(i => i.Code == code)?.NameVi
        ?? (ScorecardSeed.Groups.TryGetValue(code, out var group) ? group.NameVi : "Tổng điểm");

    /// <summary>Points as the table shows them: 57,50; — for none.</summary>
    private static string Points(decimal? points) => points?.ToString("#,0.00", new NumberFormatInfo { NumberDecimalSeparator = ",", NumberGroupSeparator = "." }) ?? "—";

    private static string Invariant(decimal? value) => value?.ToString("0.00", CultureInfo.InvariantCulture) ?? "";

    private static string Invariant(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static void ShouldFit(CliResult result, int columns)
    {
        foreach (var table in TerminalTable.Read(result.StdOut))
        {
            table.ShouldHaveNoFoldedCell(result);
        }

        foreach (var line in result.StdOut.Split('\n'))
        {
            TerminalTable.Width(line.TrimEnd()).ShouldBeLessThanOrEqualTo(columns, $"'{line}'{Environment.NewLine}{result.Describe()}");
        }
    }
}
