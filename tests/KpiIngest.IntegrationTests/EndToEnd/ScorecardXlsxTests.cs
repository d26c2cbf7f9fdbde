using KpiIngest.Core.Scorecard;
using KpiIngest.Core.Snapshots;
using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.EndToEnd;

/// <summary>
/// Issue 17: <c>report --format xlsx</c> gets the QĐ 766 sheets when the store holds the scorecard, checked cell by cell
/// against the rows <see cref="ScorecardProvinceFixture"/> wrote.
/// </summary>
public sealed class ScorecardXlsxTests(ScorecardProvinceFixture fixture) : IClassFixture<ScorecardProvinceFixture>
{
    /// <summary>Excel's built-in number format 2, <c>0.00</c>: points.</summary>
    private const uint PointsFormat = 2;

    [Fact]
    public async Task ReportXlsx_StoreWithScorecard_SheetRanksEveryScopeWithGroupsTotalAndKnownMaxAsNumbers()
    {
        var workspace = fixture.Workspace;
        var path = Path.Combine(workspace.Root, $"{Guid.NewGuid():N}.xlsx");

        var result = (await workspace.RunAsync("report", "--format", "xlsx", "--output", path)).ShouldSucceed();

        XlsxFile.SchemaErrors(path).ShouldBeEmpty("the workbook is valid against the Office schemas");
        var sheets = XlsxFile.Read(path);
        sheets.Select(s => s.Name).TakeLast(2).ShouldBe(["Chỉ số 766", "Chỉ số 766 - thiếu dữ liệu"], result.Describe());
        var sheet = sheets.Single(s => s.Name == "Chỉ số 766");
        var title = sheet[1, 1].Text.ShouldNotBeNull();
        title.ShouldContain(ProvinceWorkspace.ProvinceName);
        title.ShouldContain("DVCQG 2026", Case.Sensitive, "the rule set's name is in the sheet's title");
        title.ShouldContain("30/04/2024");
        sheet.RowTexts(2).ShouldBe(["Hạng", "Phạm vi", "Mã đơn vị", "Cấp", "G1", "G2", "G3", "G4", "G5", "G6", "Tổng điểm", "Điểm tính được"]);
        sheet.LastRow.ShouldBe(2 + 7, "the province, three levels, three units");

        var expected = new (string Label, ScopeKind Scope, string ScopeId, int? Rank)[]
        {
            ("Toàn tỉnh", ScopeKind.Province, "", null), ("Cấp tỉnh", ScopeKind.Level, "1", null), ("Cấp huyện", ScopeKind.Level, "2", null),
            ("Cấp xã", ScopeKind.Level, "3", null), ("UBND xã An Hòa", ScopeKind.Unit, "X-AH", 1),
            (ScorecardProvinceFixture.HostileName, ScopeKind.Unit, "SO-TP", 2), ("UBND huyện An Lão", ScopeKind.Unit, "H-AL", 3),
        };
        for (var i = 0; i < expected.Length; i++)
        {
            var (label, scope, scopeId, rank) = expected[i];
            var row = i + 3;
            sheet[row, 1].Number.ShouldBe(rank, $"row {row}");
            sheet[row, 2].Text.ShouldBe(label, $"row {row}");
            (sheet[row, 3].Text ?? "").ShouldBe(scope == ScopeKind.Unit ? scopeId : "", $"row {row}");
            var groups = new[] { "G1", "G2", "G3", "G4", "G5", "G6", ScorecardRuleSet.Total };
            for (var g = 0; g < groups.Length; g++)
            {
                var cell = sheet[row, 5 + g];
                var stored = fixture.Row(scope, scopeId, groups[g]);
                (cell.Kind, cell.Number, cell.NumberFormatId).ShouldBe((XlsxCellKind.Number, stored.Points, PointsFormat), $"{cell} for {label} {groups[g]}");
            }

            (sheet[row, 12].Kind, sheet[row, 12].Number).ShouldBe((XlsxCellKind.Number, 76m), $"row {row}");
        }

        sheet[8, 2].QuotePrefix.ShouldBeTrue("a unit's name is source text, kept as text");
    }

    [Fact]
    public async Task ReportXlsx_StoreWithScorecard_SecondSheetListsTheItemsLackingDataByName()
    {
        var workspace = fixture.Workspace;
        var path = Path.Combine(workspace.Root, $"{Guid.NewGuid():N}.xlsx");

        (await workspace.RunAsync("report", "--format", "xlsx", "--output", path)).ShouldSucceed();

        var sheet = XlsxFile.Read(path).Single(s => s.Name == "Chỉ số 766 - thiếu dữ liệu");
        sheet[1, 1].Text.ShouldNotBeNull().ShouldContain("DVCQG 2026");
        sheet.RowTexts(2).ShouldBe(["Nhóm", "Mã mục", "Tên mục", "Điểm tối đa", "Số phạm vi thiếu"]);
        var missing = ScorecardSeed.Items.Where(i => i.Basis == ScoreBasis.Missing).OrderBy(i => i.Group, StringComparer.Ordinal).ThenBy(i => i.Code, StringComparer.Ordinal).ToList();
        sheet.LastRow.ShouldBe(2 + missing.Count);
        for (var i = 0; i < missing.Count; i++)
        {
            var row = i + 3;
            sheet.RowTexts(row).Take(3).ShouldBe([missing[i].Group, missing[i].Code, missing[i].NameVi]);
            sheet[row, 4].Number.ShouldBe(missing[i].MaxPoints);
            sheet[row, 5].Number.ShouldBe(7m, "every scope lacks it");
        }
    }
}
