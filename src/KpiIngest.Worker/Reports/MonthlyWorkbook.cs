using System.Globalization;
using KpiIngest.Core.Indicators;
using KpiIngest.Core.Periods;
using KpiIngest.Core.Snapshots;
using KpiIngest.Core.Source;
using KpiIngest.Data.Store;
using KpiIngest.Worker.Configuration;
using KpiIngest.Worker.Display;
using Microsoft.Extensions.Options;

namespace KpiIngest.Worker.Reports;

/// <summary>
/// The report a provincial office publishes each month (<c>report --format xlsx</c>), from one date's snapshot rows: a
/// summary sheet with every indicator for Toàn tỉnh and each level against its target, then one sheet per level with its
/// units. Indicators in the catalogue's order (the seven of NQ 02/NQ-CP, then on-time and fully-online), named officially.
/// When the store holds the QĐ 766 scorecard for the date, two more sheets: the estimate per scope (the province, each level,
/// every unit ranked by total) and the items that lack data.
/// </summary>
public sealed class MonthlyWorkbook(IOptions<ProvinceOptions> province)
{
    public const string SummarySheet = "Tổng hợp";

    public const string ScorecardSheet = "Chỉ số 766";

    public const string ScorecardMissingSheet = "Chỉ số 766 - thiếu dữ liệu";

    private static readonly string[] Figures = ["Tử số", "Mẫu số", "Tỷ lệ", "Chỉ tiêu", "Đánh giá"];

    /// <summary>
    /// Writes the workbook of one date (default: the latest in the store) and period to <paramref name="path"/>, whole or
    /// not at all: it is written beside the file and then moved over it. Returns false, writing nothing, when the store
    /// holds no row for them; <paramref name="empty"/> then says so.
    /// </summary>
    public bool TryWrite(StoreSession store, DateOnly? date, PeriodKind period, ScopeKind? scope, string path, out string empty)
    {
        ArgumentNullException.ThrowIfNull(store);
        var asOf = date ?? store.Snapshots.LatestDate();
        var rows = asOf is null ? [] : store.Snapshots.Query(asOf.Value, period, scope);
        if (rows.Count == 0)
        {
            empty = ReportPrinter.NoRows(asOf, period);
            return false;
        }

        var temporary = path + ".tmp";
        try
        {
            using (var file = File.Create(temporary))
            {
                XlsxWriter.Write(file, Compose(rows, ScorecardReadings.Query(store, asOf!.Value, period, scope)));
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        empty = "";
        return true;
    }

    /// <summary>
    /// The sheets of one date's rows (one period): the summary, a sheet per level that has units, then the scorecard's two
    /// sheets when <paramref name="scorecard"/> has rows.
    /// </summary>
    public IReadOnlyList<SheetTable> Compose(IReadOnlyList<ReportRow> rows, IReadOnlyList<ScorecardReportRow> scorecard)
    {
        ArgumentNullException.ThrowIfNull(scorecard);
        var sheets = Compose(rows).ToList();
        if (scorecard.Count > 0)
        {
            var period = Period(rows[0]);
            var scopes = ScorecardScopes.Of(scorecard);
            sheets.Add(ScorecardTable(scopes, period));
            sheets.Add(MissingTable(scopes, period));
        }

        return sheets;
    }

    /// <summary>The sheets of one date's rows (one period): the summary, then a sheet per level that has units.</summary>
    public IReadOnlyList<SheetTable> Compose(IReadOnlyList<ReportRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var period = Period(rows[0]);
        var summary = new SheetTable(
            SummarySheet,
            Title("Kết quả các chỉ số NQ 02/NQ-CP và QĐ 766", period),
            ["STT", "Chỉ số", "Phạm vi", .. Figures]);
        var scopes = rows.Where(r => r.Scope != ScopeKind.Unit.Text())
            .OrderBy(r => r.Scope == ScopeKind.Province.Text() ? 0 : 1).ThenBy(LevelOf)
            .GroupBy(r => r.Indicator).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var indicator in IndicatorCatalog.All)
        {
            foreach (var row in scopes.GetValueOrDefault(indicator.Text) ?? [])
            {
                var label = row.Scope == ScopeKind.Province.Text() ? "Toàn tỉnh" : ScopeKinds.LevelName(LevelOf(row));
                summary.Add([SheetCell.Whole(indicator.Number), SheetCell.Label(indicator.NameVi), SheetCell.Label(label), .. FiguresOf(row)]);
            }
        }

        var sheets = new List<SheetTable> { summary };
        foreach (var level in rows.Where(r => r.Scope == ScopeKind.Unit.Text()).GroupBy(LevelOf).OrderBy(g => g.Key))
        {
            var name = ScopeKinds.LevelName(level.Key);
            var sheet = new SheetTable(name, Title($"{name}: kết quả theo đơn vị", period), ["Mã đơn vị", "Tên đơn vị", "STT", "Chỉ số", .. Figures]);
            var order = IndicatorCatalog.All.Select((indicator, index) => (indicator.Text, index)).ToDictionary(x => x.Text, x => x.index);
            foreach (var row in level.OrderBy(r => r.ScopeId, StringComparer.Ordinal).ThenBy(r => order.GetValueOrDefault(r.Indicator, int.MaxValue)))
            {
                var indicator = IndicatorCatalog.TryParse(row.Indicator, out var code) ? IndicatorCatalog.Get(code) : null;
                sheet.Add(
                [
                    SheetCell.SourceText(row.ScopeId), SheetCell.SourceText(row.ScopeName ?? ""),
                    indicator is null ? default : SheetCell.Whole(indicator.Number), SheetCell.Label(indicator?.NameVi ?? row.Indicator),
                    .. FiguresOf(row),
                ]);
            }

            sheets.Add(sheet);
        }

        return sheets;
    }

    /// <summary>The estimate per scope: the province, each level, then every unit ranked by total (its rank in the first column).</summary>
    private SheetTable ScorecardTable(IReadOnlyList<ScopeScore> scopes, string period)
    {
        var sheet = new SheetTable(
            ScorecardSheet,
            Title($"{ScoreText.Heading}: điểm theo phạm vi", period),
            ["Hạng", "Phạm vi", "Mã đơn vị", "Cấp", .. ScorecardScopes.GroupCodes, "Tổng điểm", "Điểm tính được"]);
        var rank = 0;
        foreach (var scope in scopes)
        {
            var unit = scope.Scope == ScopeKind.Unit.Text();
            sheet.Add(
            [
                unit && scope.Total?.Points is not null ? SheetCell.Whole(++rank) : default,
                unit ? SheetCell.SourceText(scope.Label) : SheetCell.Label(scope.Label),
                unit ? SheetCell.SourceText(scope.ScopeId) : default,
                scope.Level is { } level ? SheetCell.Whole((int)level) : default,
                .. ScorecardScopes.GroupCodes.Select(g => SheetCell.Points(scope.Group(g)?.Points)),
                SheetCell.Points(scope.Total?.Points),
                scope.Total is null ? default : SheetCell.Whole(scope.Total.KnownMaxPoints),
            ]);
        }

        return sheet;
    }

    /// <summary>The items lacking data (MISSING), with how many of the scopes lack each.</summary>
    private SheetTable MissingTable(IReadOnlyList<ScopeScore> scopes, string period)
    {
        var sheet = new SheetTable(
            ScorecardMissingSheet,
            Title($"{ScoreText.Heading}: mục chưa có dữ liệu (không tính điểm)", period),
            ["Nhóm", "Mã mục", "Tên mục", "Điểm tối đa", "Số phạm vi thiếu"]);
        foreach (var item in ScorecardScopes.MissingItems(scopes))
        {
            sheet.Add(
                SheetCell.Label(item.GroupCode), SheetCell.Label(item.Item), SheetCell.SourceText(item.Name), SheetCell.Whole(item.MaxPoints),
                SheetCell.Whole(scopes.Count(s => s.Missing.Any(m => m.Item == item.Item))));
        }

        return sheet;
    }

    /// <summary>N and D as counts, ratio and target as percentages (blank for no data or no target), and the verdict.</summary>
    private static SheetCell[] FiguresOf(ReportRow row) =>
    [
        SheetCell.Count(row.Numerator),
        SheetCell.Count(row.Denominator),
        SheetCell.Percent(row.Ratio),
        SheetCell.Percent(row.Target),
        row.Met switch
        {
            true => new SheetCell("Đạt", null, SheetStyle.Met),
            false => new SheetCell("Chưa đạt", null, SheetStyle.Missed),
            null when row.Ratio is null => SheetCell.Label("Không có dữ liệu"),
            null => SheetCell.Label("Không có chỉ tiêu"),
        },
    ];

    /// <summary>A LEVEL row's level is its scope_id; a UNIT row's is its level column.</summary>
    private static int LevelOf(ReportRow row) =>
        row.Level is { } level ? (int)level
        : int.TryParse(row.ScopeId, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed
        : 0;

    /// <summary>The period as a title reads it: "lũy kế tháng từ 01/04/2024 đến 30/04/2024", with "chưa chốt" until final.</summary>
    private static string Period(ReportRow row)
    {
        var end = DateOnly.ParseExact(row.SnapshotDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var start = DateOnly.ParseExact(row.PeriodStart, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var text = PeriodKinds.TryParse(row.Period, out var kind) && kind == PeriodKind.Day
            ? $"ngày {VietnameseFormat.Date(end)}"
            : $"{Kind(row.Period)} từ {VietnameseFormat.Date(start)} đến {VietnameseFormat.Date(end)}";
        return row.IsFinal ? text : text + " (số liệu chưa chốt)";
    }

    private static string Kind(string period) => period switch
    {
        "MTD" => "lũy kế tháng",
        "QTD" => "lũy kế quý",
        "YTD" => "lũy kế năm",
        _ => period,
    };

    private string Title(string subject, string period) =>
        RowCheck.Escape(string.Join(" · ", new[] { province.Value.Name, subject, period }.Where(part => part.Length > 0)));
}
