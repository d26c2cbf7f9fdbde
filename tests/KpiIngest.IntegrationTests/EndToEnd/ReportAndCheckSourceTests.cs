using System.Globalization;
using System.Text.Json;
using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;
using static KpiIngest.IntegrationTests.Infrastructure.Kpi;

namespace KpiIngest.IntegrationTests.EndToEnd;

/// <summary>
/// operations.md: <c>report</c> prints snapshot rows for a script (csv, json); <c>check-source</c> checks the source
/// against the contract; a source missing a relation or column fails the run, recorded, with no figure written.
/// </summary>
public sealed class ReportAndCheckSourceTests
{
    private static readonly string[] ReportColumns =
    [
        "snapshot_date", "period", "period_start", "scope", "scope_id", "scope_name", "level", "indicator",
        "numerator", "denominator", "ratio", "target", "met", "is_final",
    ];

    [Fact]
    public async Task ReportCsv_Defaults_PrintsHeaderAndOneLinePerMtdRowOfLatestDate()
    {
        using var workspace = CreateSmallProvince();
        (await workspace.RunAsync("backfill", "--from", "2024-04-29", "--to", "2024-04-30")).ShouldSucceed();

        var result = (await workspace.RunAsync("report", "--format", "csv")).ShouldSucceed();

        var records = Csv.Parse(result.StdOut.TrimEnd('\r', '\n'));
        records.ShouldNotBeEmpty(result.Describe());
        records[0].ShouldBe(ReportColumns, $"the CSV header{Environment.NewLine}{result.Describe()}");
        var lines = records.Skip(1).Select(ToDictionary).ToList();

        // Defaults: the latest snapshot date (30 April, not 29), MTD, every scope: PROVINCE, LEVEL 1, UNIT SO-TP
        // x 9 indicators = 27 lines, one per kpi_snapshot row.
        lines.Count.ShouldBe(27, result.Describe());
        lines.ShouldAllBe(l => l["snapshot_date"] == "2024-04-30" && l["period"] == "MTD" && l["period_start"] == "2024-04-01");
        var store = workspace.Store.Snapshots("2024-04-30", Mtd);
        store.Count.ShouldBe(27);
        foreach (var row in store)
        {
            var line = lines.Where(l => l["scope"] == row.Scope && l["scope_id"] == row.ScopeId && l["indicator"] == row.Indicator)
                .ShouldHaveSingleItem($"one CSV line for {row}");
            line["numerator"].ShouldBe(row.Numerator.ToString(CultureInfo.InvariantCulture));
            line["denominator"].ShouldBe(row.Denominator.ToString(CultureInfo.InvariantCulture));
            Number(line["ratio"]).ShouldBe(row.Ratio, $"{row}");
            Number(line["target"]).ShouldBe(row.Target, $"{row}");
        }

        // PROVINCE ONLINE_DOSSIER: R1 online of R1-R6 received = 1/6 = 16.67 against 50: missed.
        var online = lines.Single(l => l["scope"] == Province && l["indicator"] == OnlineDossier);
        online["scope_id"].ShouldBe("");
        online["level"].ShouldBe("");
        (online["numerator"], online["denominator"]).ShouldBe(("1", "6"));
        Number(online["ratio"]).ShouldBe(16.67m);
        Number(online["target"]).ShouldBe(50m);
        online["met"].ShouldBeOneOf("false", "False", "0");
        online["is_final"].ShouldBeOneOf("true", "True", "1");

        // Nothing resolved: E_RESULT has no data, so ratio and met are empty (null), never 0.
        var eResult = lines.Single(l => l["scope"] == Province && l["indicator"] == EResult);
        (eResult["numerator"], eResult["denominator"], eResult["ratio"], eResult["met"]).ShouldBe(("0", "0", "", ""));

        var unit = lines.Single(l => l["scope"] == Unit && l["indicator"] == OnlineDossier);
        (unit["scope_id"], unit["scope_name"], unit["level"]).ShouldBe(("SO-TP", "Sở Tư pháp", "1"));
    }

    [Fact]
    public async Task ReportCsv_DatePeriodAndScopeGiven_PrintsOnlyThoseRows()
    {
        using var workspace = CreateSmallProvince();
        (await workspace.RunAsync("backfill", "--from", "2024-04-29", "--to", "2024-04-30")).ShouldSucceed();

        var result = (await workspace.RunAsync(
            "report", "--date", "2024-04-29", "--period", "DAY", "--scope", "PROVINCE", "--format", "csv")).ShouldSucceed();

        var records = Csv.Parse(result.StdOut.TrimEnd('\r', '\n'));
        records.ShouldNotBeEmpty(result.Describe());
        records[0].ShouldBe(ReportColumns, $"the CSV header{Environment.NewLine}{result.Describe()}");
        var lines = records.Skip(1).Select(ToDictionary).ToList();
        lines.Count.ShouldBe(9, result.Describe()); // one scope x 9 indicators
        lines.ShouldAllBe(l => l["snapshot_date"] == "2024-04-29" && l["period"] == "DAY" && l["scope"] == Province);
        lines.Select(l => l["indicator"]).Order(StringComparer.Ordinal).ShouldBe(Indicators.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ReportJson_Date_PrintsArrayOfSnakeCaseObjectsWithNumbersAndNulls()
    {
        using var workspace = CreateSmallProvince();
        (await workspace.RunAsync("once", "--date", "2024-04-30")).ShouldSucceed();

        var result = (await workspace.RunAsync("report", "--date", "2024-04-30", "--period", "MTD", "--format", "json")).ShouldSucceed();

        using var json = JsonDocument.Parse(result.StdOut);
        json.RootElement.ValueKind.ShouldBe(JsonValueKind.Array, result.Describe());
        var items = json.RootElement.EnumerateArray().ToList();
        items.Count.ShouldBe(27); // PROVINCE, LEVEL 1, UNIT SO-TP x 9 indicators
        foreach (var item in items)
        {
            item.EnumerateObject().Select(p => p.Name).ShouldBe(ReportColumns, ignoreOrder: true);
            item.GetProperty("numerator").ValueKind.ShouldBe(JsonValueKind.Number);
            item.GetProperty("denominator").ValueKind.ShouldBe(JsonValueKind.Number);
            item.GetProperty("ratio").ValueKind.ShouldBeOneOf(JsonValueKind.Number, JsonValueKind.Null);
        }

        var online = items.Single(i => Text(i, "scope") == Province && Text(i, "indicator") == OnlineDossier);
        online.GetProperty("scope_id").GetString().ShouldBe("");
        online.GetProperty("level").ValueKind.ShouldBe(JsonValueKind.Null);
        online.GetProperty("numerator").GetInt64().ShouldBe(1);   // R1
        online.GetProperty("denominator").GetInt64().ShouldBe(6); // R1-R6
        online.GetProperty("ratio").GetDecimal().ShouldBe(16.67m);
        online.GetProperty("target").GetDecimal().ShouldBe(50m);
        IsFalse(online.GetProperty("met")).ShouldBeTrue($"met of 1/6 against 50: {online}");

        var eResult = items.Single(i => Text(i, "scope") == Province && Text(i, "indicator") == EResult);
        eResult.GetProperty("ratio").ValueKind.ShouldBe(JsonValueKind.Null);
        eResult.GetProperty("met").ValueKind.ShouldBe(JsonValueKind.Null);
        eResult.GetProperty("target").GetDecimal().ShouldBe(100m);

        var onTime = items.Single(i => Text(i, "scope") == Province && Text(i, "indicator") == OnTime);
        onTime.GetProperty("target").ValueKind.ShouldBe(JsonValueKind.Null); // no built-in target

        var unit = items.Single(i => Text(i, "scope") == Unit && Text(i, "indicator") == OnlineDossier);
        unit.GetProperty("level").GetInt32().ShouldBe(1);
        unit.GetProperty("scope_name").GetString().ShouldBe("Sở Tư pháp");
    }

    [Fact]
    public async Task CheckSource_ContractConformingSource_ExitsZeroNamingWhatItCheckedAndWritesNoFigure()
    {
        using var workspace = CreateSmallProvince();

        var result = (await workspace.RunAsync("check-source")).ShouldSucceed();

        // Assumed: its report names the three relations it checked (operations.md: "relations, columns, types, and a
        // count of rows that would be quarantined").
        foreach (var relation in new[] { "src_unit", "src_procedure", "src_dossier" })
        {
            result.Output.ShouldContain(relation, Case.Insensitive, result.Describe());
        }

        workspace.Store.CountOrZero("kpi_snapshot").ShouldBe(0);
    }

    [Fact]
    public async Task CheckSource_SourceWithBadRow_ExitsZeroAndReportsWhatWouldBeQuarantined()
    {
        using var workspace = CreateSmallProvince();
        workspace.AddDossiers(new DossierRow("BAD1", "SO-TP", "P1") { Channel = 7 });

        var result = (await workspace.RunAsync("check-source")).ShouldSucceed(); // a bad row leaves the source usable

        result.Output.ShouldContain("src_dossier", Case.Insensitive, result.Describe());
        result.Output.ShouldContain("channel", Case.Insensitive, result.Describe());
        workspace.Store.CountOrZero("kpi_snapshot").ShouldBe(0);
    }

    [Fact]
    public async Task CheckSource_ColumnOfWrongTypeInEveryDossier_ExitsOneNamingColumnAndWhy()
    {
        using var workspace = CreateSmallProvince();
        workspace.ExecuteSource("UPDATE src_dossier SET channel = 'online'");

        var result = (await workspace.RunAsync("check-source")).ShouldExitWith(1);

        result.Output.ShouldContain("channel is not an integer", Case.Sensitive, result.Describe());
        result.Output.ShouldContain("src_dossier is not usable", Case.Sensitive, result.Describe());
        result.Output.ShouldContain("6 of 6 rows", Case.Sensitive, result.Describe());
        result.Output.ShouldNotContain("The source is usable", Case.Sensitive, result.Describe());
    }

    /// <summary>The rule: more than half of a relation's rows quarantined makes it unusable; half or less is a warning.</summary>
    [Theory]
    [InlineData(7, 1, "src_dossier is not usable: 7 of 13 rows (53,85%) would be quarantined")]
    [InlineData(6, 0, "WARNING: src_dossier: 6 of 12 rows (50,00%) would be quarantined")]
    public async Task CheckSource_ShareOfBadDossiers_DecidesUsable(int badRows, int exitCode, string verdict)
    {
        using var workspace = CreateSmallProvince();
        workspace.AddDossiers(Enumerable.Range(1, badRows).Select(i => new DossierRow($"BAD{i}", "SO-TP", "P1") { Channel = 7 }));

        var result = (await workspace.RunAsync("check-source")).ShouldExitWith(exitCode);

        result.Output.ShouldContain(verdict, Case.Sensitive, result.Describe());
        result.Output.ShouldContain("channel is not one of", Case.Sensitive, result.Describe());
    }

    [Fact]
    public async Task CheckSource_DossierColumnMissing_ExitsOneNamingRelationAndColumn()
    {
        using var workspace = CreateSmallProvince(new SourceShape { MissingDossierColumns = ["reused_data"] });

        var result = (await workspace.RunAsync("check-source")).ShouldExitWith(1);

        result.Output.ShouldContain("src_dossier", Case.Insensitive, result.Describe());
        result.Output.ShouldContain("reused_data", Case.Insensitive, result.Describe());
    }

    [Fact]
    public async Task CheckSource_RelationMissing_ExitsOneNamingRelation()
    {
        using var workspace = CreateSmallProvince(new SourceShape { MissingRelations = ["src_procedure"] });

        var result = (await workspace.RunAsync("check-source")).ShouldExitWith(1);

        result.Output.ShouldContain("src_procedure", Case.Insensitive, result.Describe());
    }

    [Fact]
    public async Task Once_DossierColumnMissing_ExitsOneRecordsFailedRunAndWritesNoFigure()
    {
        using var workspace = CreateSmallProvince(new SourceShape { MissingDossierColumns = ["reused_data"] });

        (await workspace.RunAsync("once", "--date", "2024-04-30")).ShouldExitWith(1);

        var run = workspace.Store.LatestRun();
        run.Kind.ShouldBe("once");
        run.Status.ShouldBe("FAILED");
        run.Error.ShouldNotBeNull().ShouldContain("src_dossier", Case.Insensitive);
        run.Error.ShouldContain("reused_data", Case.Insensitive);
        workspace.Store.CountOrZero("kpi_snapshot").ShouldBe(0);
    }

    [Fact]
    public async Task Report_StoreInAFolderThatDoesNotExist_FailsAndCreatesNothing()
    {
        using var workspace = CreateSmallProvince();
        var folder = Path.Combine(workspace.Root, "no-such-folder");
        workspace.Configure($$"""{ "Store": { "ConnectionString": "Data Source={{Path.Combine(folder, "kpi.db").Replace("\\", "/", StringComparison.Ordinal)}}" } }""");

        var result = await workspace.RunAsync("report");

        result.ExitCode.ShouldNotBe(0, result.Describe());
        Directory.Exists(folder).ShouldBeFalse("report only reads: it creates no folder for a store that is not there");
    }

    /// <summary>
    /// SO-TP (level 1) with P1 (online_mode 4, fee, online payment, needs a result) and P2 (online_mode 3): six
    /// dossiers received in April 2024, R1 online, none resolved.
    /// </summary>
    private static ProvinceWorkspace CreateSmallProvince(SourceShape? shape = null)
    {
        return SmallProvinces.FillApril2024(new ProvinceWorkspace(shape), withProcedures: shape?.MissingRelations.Contains("src_procedure") != true);
    }

    private static Dictionary<string, string> ToDictionary(string[] record)
    {
        record.Length.ShouldBe(ReportColumns.Length, $"CSV line: {string.Join(',', record)}");
        return ReportColumns.Select((c, i) => (c, record[i])).ToDictionary(x => x.c, x => x.Item2);
    }

    private static decimal? Number(string text) =>
        text.Length == 0 ? null : decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string? Text(JsonElement item, string name) => item.GetProperty(name).GetString();

    /// <summary>met may be written as a JSON boolean or as 0/1; store.md keeps booleans as 0/1.</summary>
    private static bool IsFalse(JsonElement met) =>
        met.ValueKind == JsonValueKind.False || (met.ValueKind == JsonValueKind.Number && met.GetInt32() == 0);
}
