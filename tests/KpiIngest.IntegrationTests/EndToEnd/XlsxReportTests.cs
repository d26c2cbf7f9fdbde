using KpiIngest.Core.Indicators;
using KpiIngest.IntegrationTests.Infrastructure;
using KpiIngest.Worker.Reports;
using Shouldly;
using Xunit;
using static KpiIngest.IntegrationTests.Infrastructure.Kpi;

namespace KpiIngest.IntegrationTests.EndToEnd;

/// <summary>
/// <c>report --format xlsx --output FILE</c> (issue #15): the monthly report as a province publishes it, opened with the
/// Open XML SDK and checked cell by cell against kpi_snapshot as the store holds it.
/// </summary>
public sealed class XlsxReportTests(HandCheckedProvinceFixture fixture) : IClassFixture<HandCheckedProvinceFixture>
{
    private const string Summary = "Tổng hợp";

    /// <summary>Excel's built-in number formats: 3 is <c>#,##0</c> (counts), 10 is <c>0.00%</c> (ratios and targets).</summary>
    private const uint CountFormat = 3;
    private const uint PercentFormat = 10;

    private static readonly Dictionary<int, string> LevelSheets = new() { [1] = "Cấp tỉnh", [2] = "Cấp huyện", [3] = "Cấp xã" };

    private static readonly string[] SummaryHeaders = ["STT", "Chỉ số", "Phạm vi", "Tử số", "Mẫu số", "Tỷ lệ", "Chỉ tiêu", "Đánh giá"];

    private static readonly string[] LevelHeaders = ["Mã đơn vị", "Tên đơn vị", "STT", "Chỉ số", "Tử số", "Mẫu số", "Tỷ lệ", "Chỉ tiêu", "Đánh giá"];

    [Fact]
    public async Task ReportXlsx_Defaults_SummarySheetHoldsEveryProvinceAndLevelFigureOfTheStore()
    {
        var workspace = fixture.Workspace;
        fixture.Run.ShouldSucceed();
        var path = Path.Combine(workspace.Root, $"{Guid.NewGuid():N}.xlsx");

        var result = (await workspace.RunAsync("report", "--format", "xlsx", "--output", path)).ShouldSucceed();

        File.Exists(path).ShouldBeTrue(result.Describe());
        File.Exists(path + ".tmp").ShouldBeFalse("the workbook is written beside the file, then moved over it");
        XlsxFile.SchemaErrors(path).ShouldBeEmpty("the workbook is valid against the Office schemas");
        var sheets = XlsxFile.Read(path);
        sheets.Select(s => s.Name).ShouldBe([Summary, "Cấp tỉnh", "Cấp huyện", "Cấp xã", MonthlyWorkbook.ScorecardSheet, MonthlyWorkbook.ScorecardMissingSheet]);
        var summary = sheets[0];
        var title = summary[1, 1].Text.ShouldNotBeNull();
        title.ShouldContain(ProvinceWorkspace.ProvinceName);
        title.ShouldContain("01/04/2024"); // MTD by default, from the first of the month
        title.ShouldContain("30/04/2024"); // to the latest snapshot date
        summary.RowTexts(2).ShouldBe(SummaryHeaders);
        summary.FrozenTopLeft.ShouldBe("A3", "the title and header rows stay in view");
        summary.ColumnWidths.Count.ShouldBe(SummaryHeaders.Length);
        summary.ColumnWidths[1].ShouldBeGreaterThan(summary.ColumnWidths[0], "the indicator names get a wider column than STT");

        var stored = workspace.Store.Snapshots("2024-04-30", Mtd).Where(r => r.Scope != Unit).ToList();
        stored.Count.ShouldBe(36); // Toàn tỉnh and three levels x 9 indicators
        var rows = Enumerable.Range(3, summary.LastRow - 2).ToList();
        rows.Count.ShouldBe(stored.Count, "one row per indicator and scope, nothing else");
        foreach (var row in stored)
        {
            var scope = row.Scope == Province ? "Toàn tỉnh" : LevelSheets[int.Parse(row.ScopeId, System.Globalization.CultureInfo.InvariantCulture)];
            var indicator = IndicatorCatalog.Get(IndicatorCatalog.Parse(row.Indicator));
            var line = rows.Where(r => summary[r, 2].Text == indicator.NameVi && summary[r, 3].Text == scope)
                .ShouldHaveSingleItem($"one summary row for {row}");
            ShouldBeNumber(summary[line, 1], indicator.Number, 0);
            ShouldHoldFigures(summary, line, firstFigureColumn: 4, row);
        }

        // Indicators in the catalogue's order (1 to 7 of NQ 02, then on-time and fully-online), Toàn tỉnh first in each.
        rows.Select(r => summary[r, 1].Number).ShouldBe(rows.Select(r => summary[r, 1].Number).Order());
        (summary[3, 2].Text, summary[3, 3].Text).ShouldBe(("Tỷ lệ hồ sơ trực tuyến", "Toàn tỉnh"));

        // Counted by hand (HandCheckedProvinceTests): Toàn tỉnh, online dossiers 15 of 32 = 46.88% against 50%.
        summary[3, 4].Number.ShouldBe(15m);
        summary[3, 5].Number.ShouldBe(32m);
        summary[3, 6].Number.ShouldBe(0.4688m);
        summary[3, 7].Number.ShouldBe(0.5m);
        summary[3, 8].Text.ShouldBe("Chưa đạt");
    }

    [Fact]
    public async Task ReportXlsx_Defaults_EachLevelSheetHoldsEveryUnitFigureOfTheStore()
    {
        var workspace = fixture.Workspace;
        fixture.Run.ShouldSucceed();
        var path = Path.Combine(workspace.Root, $"{Guid.NewGuid():N}.xlsx");

        (await workspace.RunAsync("report", "--format", "xlsx", "--output", path)).ShouldSucceed();

        var sheets = XlsxFile.Read(path).ToDictionary(s => s.Name);
        var stored = workspace.Store.Snapshots("2024-04-30", Mtd).Where(r => r.Scope == Unit).ToList();
        stored.Select(r => r.ScopeId).Distinct().Order(StringComparer.Ordinal).ShouldBe(["H-AN", "SO-TP", "SO-YT", "X-A"]);
        foreach (var (level, name) in LevelSheets)
        {
            var sheet = sheets[name];
            sheet[1, 1].Text.ShouldNotBeNull().ShouldContain(ProvinceWorkspace.ProvinceName);
            sheet[1, 1].Text.ShouldNotBeNull().ShouldContain(name);
            sheet.RowTexts(2).ShouldBe(LevelHeaders);
            sheet.FrozenTopLeft.ShouldBe("A3");
            var ofLevel = stored.Where(r => r.Level == level).ToList();
            var rows = Enumerable.Range(3, sheet.LastRow - 2).ToList();
            rows.Count.ShouldBe(ofLevel.Count, $"{name}: one row per unit and indicator");
            foreach (var row in ofLevel)
            {
                var indicator = IndicatorCatalog.Get(IndicatorCatalog.Parse(row.Indicator));
                var line = rows.Where(r => sheet[r, 1].Text == row.ScopeId && sheet[r, 4].Text == indicator.NameVi)
                    .ShouldHaveSingleItem($"{name}: one row for {row}");
                sheet[line, 2].Text.ShouldBe(HandCheckedProvince.Units.Single(u => u.UnitId == row.ScopeId).Name);
                ShouldBeNumber(sheet[line, 3], indicator.Number, 0);
                ShouldHoldFigures(sheet, line, firstFigureColumn: 5, row);
            }
        }
    }

    [Fact]
    public async Task ReportXlsx_UnitNameStartingWithEquals_StaysTextNeverAFormula()
    {
        using var workspace = new ProvinceWorkspace();
        const string formulaName = "=HYPERLINK(\"http://example.invalid\",\"Xã A\")";
        const string controlName = "Xã\u0007Chuông";
        workspace.AddUnits(new UnitRow("X-EQ", formulaName, 3), new UnitRow("+X-BEL", controlName, 3));
        workspace.AddProcedures(new ProcedureRow("X-EQ", "P1", 4), new ProcedureRow("+X-BEL", "P1", 4));
        workspace.AddDossiers(
            new DossierRow("D1", "X-EQ", "P1") { Channel = 2, ReceivedAt = "2024-04-10 08:00:00" },
            new DossierRow("D2", "+X-BEL", "P1") { Channel = 1, ReceivedAt = "2024-04-11 08:00:00" });
        (await workspace.RunAsync("once", "--date", "2024-04-30")).ShouldSucceed();
        var path = Path.Combine(workspace.Root, "report.xlsx");

        var result = (await workspace.RunAsync("report", "--format", "xlsx", "--output", path)).ShouldSucceed();

        var sheets = XlsxFile.Read(path);
        sheets.SelectMany(s => s.Cells).Where(c => c.IsFormula).ShouldBeEmpty($"no cell of the workbook is a formula{Environment.NewLine}{result.Describe()}");
        var communes = sheets.Single(s => s.Name == "Cấp xã");
        var names = communes.Cells.Where(c => c.Text == formulaName).ToList();
        names.Count.ShouldBe(IndicatorCatalog.All.Count, "the name, as text, on each of the unit's indicator rows");
        names.ShouldAllBe(c => c.Kind == XlsxCellKind.Text && c.QuotePrefix);

        // An id starting with '+' is text too, and a control character (invalid in XML) is written escaped, as the table report does.
        communes.Cells.Where(c => c.Text == "+X-BEL").ShouldAllBe(c => c.Kind == XlsxCellKind.Text && c.QuotePrefix);
        communes.Cells.Count(c => c.Text == "Xã\\u0007Chuông").ShouldBe(IndicatorCatalog.All.Count);
    }

    [Fact]
    public async Task ReportXlsx_WithoutOutput_ExitsTwoNamingOutputAndPrintsNoBinary()
    {
        var workspace = fixture.Workspace;
        fixture.Run.ShouldSucceed();

        var result = (await workspace.RunAsync("report", "--format", "xlsx")).ShouldExitWith(2);

        result.StdErr.ShouldContain("--output", Case.Sensitive, result.Describe());
        result.StdOut.ShouldNotContain("PK", Case.Sensitive, "no zip bytes on stdout");
    }

    [Fact]
    public async Task ReportXlsx_WithAlerts_ExitsTwoSayingAlertsHaveNoWorkbook()
    {
        var workspace = fixture.Workspace;
        fixture.Run.ShouldSucceed();
        var path = Path.Combine(workspace.Root, $"{Guid.NewGuid():N}.xlsx");

        var result = (await workspace.RunAsync("report", "--alerts", "--format", "xlsx", "--output", path)).ShouldExitWith(2);

        result.StdErr.ShouldContain("--alerts has no xlsx form", Case.Sensitive, result.Describe());
        File.Exists(path).ShouldBeFalse();
    }

    [Fact]
    public async Task ReportXlsx_OutputFolderMissing_ExitsTwoNamingTheFolder()
    {
        var workspace = fixture.Workspace;
        fixture.Run.ShouldSucceed();
        var folder = Path.Combine(workspace.Root, "no-such-folder");

        var result = (await workspace.RunAsync("report", "--format", "xlsx", "--output", Path.Combine(folder, "r.xlsx"))).ShouldExitWith(2);

        result.StdErr.ShouldContain($"the folder {folder} does not exist", Case.Sensitive, result.Describe());
        Directory.Exists(folder).ShouldBeFalse();
    }

    [Fact]
    public async Task ReportXlsx_DateWithoutSnapshot_ExitsOneAndWritesNoFile()
    {
        var workspace = fixture.Workspace;
        fixture.Run.ShouldSucceed();
        var path = Path.Combine(workspace.Root, $"{Guid.NewGuid():N}.xlsx");

        var result = (await workspace.RunAsync("report", "--date", "2024-03-31", "--format", "xlsx", "--output", path)).ShouldExitWith(1);

        result.StdErr.ShouldContain("No MTD snapshot rows for 31/03/2024", Case.Sensitive, result.Describe());
        File.Exists(path).ShouldBeFalse("an empty workbook is not a report");
    }

    [Fact]
    public async Task ReportCsv_Output_WritesTheCsvToTheFileInsteadOfStdout()
    {
        var workspace = fixture.Workspace;
        fixture.Run.ShouldSucceed();
        var path = Path.Combine(workspace.Root, $"{Guid.NewGuid():N}.csv");
        var printed = (await workspace.RunAsync("report", "--format", "csv")).ShouldSucceed();

        var result = (await workspace.RunAsync("report", "--format", "csv", "--output", path)).ShouldSucceed();

        File.ReadAllText(path).ShouldBe(printed.StdOut);
        result.StdOut.ShouldNotContain("snapshot_date", Case.Sensitive, result.Describe());
    }

    /// <summary>N, D, ratio, target and Đánh giá in five columns from <paramref name="firstFigureColumn"/>, as the store holds them.</summary>
    private static void ShouldHoldFigures(XlsxSheet sheet, int line, int firstFigureColumn, StoredSnapshotRow row)
    {
        var context = $"{sheet.Name} row {line} for {row}";
        ShouldBeNumber(sheet[line, firstFigureColumn], row.Numerator, CountFormat, context);
        ShouldBeNumber(sheet[line, firstFigureColumn + 1], row.Denominator, CountFormat, context);
        ShouldBePercent(sheet[line, firstFigureColumn + 2], row.Ratio, context);
        ShouldBePercent(sheet[line, firstFigureColumn + 3], row.Target, context);
        sheet[line, firstFigureColumn + 4].Text.ShouldBe(
            row.Met switch
            {
                true => "Đạt",
                false => "Chưa đạt",
                null when row.Ratio is null => "Không có dữ liệu",
                null => "Không có chỉ tiêu",
            },
            context);
    }

    private static void ShouldBeNumber(XlsxCell cell, decimal value, uint format, string? context = null)
    {
        cell.Kind.ShouldBe(XlsxCellKind.Number, $"{cell} {context}");
        cell.Number.ShouldBe(value, $"{cell} {context}");
        cell.NumberFormatId.ShouldBe(format, $"{cell} {context}");
    }

    /// <summary>A percentage of the store (46.88) is the spreadsheet's fraction (0.4688) shown as 46.88%; no data is a blank cell, never 0.</summary>
    private static void ShouldBePercent(XlsxCell cell, decimal? storeValue, string context)
    {
        if (storeValue is null)
        {
            cell.Kind.ShouldBe(XlsxCellKind.Blank, $"{cell} {context}");
            return;
        }

        ShouldBeNumber(cell, storeValue.Value / 100m, PercentFormat, context);
    }
}
