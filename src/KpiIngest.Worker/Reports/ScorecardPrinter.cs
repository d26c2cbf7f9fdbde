using System.Globalization;
using System.Text.Json.Nodes;
using KpiIngest.Core.Periods;
using KpiIngest.Core.Scorecard;
using KpiIngest.Core.Snapshots;
using KpiIngest.Data.Store;
using KpiIngest.Worker.Configuration;
using KpiIngest.Worker.Display;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace KpiIngest.Worker.Reports;

/// <summary>
/// `report --scorecard` (scorecard.md): the QĐ 766 estimate as the store holds it. A table per scope for a person (the six
/// groups and the total, "tính được X/100", the rule set's name, the items that lack data), or every kpi_scorecard row of
/// the selection for a script (CSV and JSON, invariant, the store's column names plus rule_set).
/// </summary>
public sealed class ScorecardPrinter(IOptions<ProvinceOptions> province)
{
    public static readonly string[] CsvColumns =
    [
        "snapshot_date", "period", "period_start", "scope", "scope_id", "scope_name", "level", "item", "item_name", "group_code",
        "numerator", "denominator", "ratio", "points", "max_points", "known_max_points", "basis", "is_final", "computed_at", "rule_set",
    ];

    /// <summary>The formats --scorecard has; html and xlsx already carry the scorecard inside the overview and the workbook.</summary>
    public static IReadOnlyList<string> Formats { get; } = ["table", "csv", "json"];

    /// <summary>Prints the scorecard of one date (default: the latest snapshot date) and period; returns false when the store has none.</summary>
    public bool Print(StoreSession store, DateOnly? date, PeriodKind period, ScopeKind? scope, string format, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(output);
        var asOf = date ?? store.Snapshots.LatestDate();
        var rows = asOf is null ? [] : ScorecardReadings.Query(store, asOf.Value, period, scope);
        return ReportPrinter.Write(rows, format, output, WriteCsv, ToJson, WriteTable, NoRows(asOf, period));
    }

    /// <summary>What the table says when the store has no scorecard row of the date (null: no snapshot at all) and period.</summary>
    public static string NoRows(DateOnly? asOf, PeriodKind period) => asOf is null
        ? ReportPrinter.NoRows(asOf, period)
        : $"No {period.Text()} scorecard rows for {VietnameseFormat.Date(asOf.Value)}: the scorecard is turned off (Scorecard:Enabled) or "
          + "these snapshots were computed before it existed; `kpi-ingest backfill` over those dates computes it.";

    private static void WriteCsv(IReadOnlyList<ScorecardReportRow> rows, TextWriter output)
    {
        output.WriteLine(string.Join(',', CsvColumns));
        foreach (var r in rows)
        {
            output.WriteLine(string.Join(',',
                r.SnapshotDate, r.Period, r.PeriodStart, r.Scope, CsvCell.Of(r.ScopeId), CsvCell.Of(r.ScopeName),
                Whole(r.Level), r.Item, CsvCell.Of(r.ItemName), r.GroupCode, Whole(r.Numerator), Whole(r.Denominator),
                Number(r.Ratio), Number(r.Points), Whole(r.MaxPoints), Whole(r.KnownMaxPoints), r.Basis ?? "", r.IsFinal ? "1" : "0",
                r.ComputedAt, CsvCell.Of(ScorecardRuleSet.Name)));
        }
    }

    private static JsonArray ToJson(IReadOnlyList<ScorecardReportRow> rows) =>
    [
        .. rows.Select(r => ReportPrinter.JsonRow(r, new JsonObject
        {
            ["item"] = r.Item,
            ["item_name"] = r.ItemName,
            ["group_code"] = r.GroupCode,
            ["numerator"] = r.Numerator,
            ["denominator"] = r.Denominator,
            ["ratio"] = r.Ratio,
            ["points"] = r.Points,
            ["max_points"] = r.MaxPoints,
            ["known_max_points"] = r.KnownMaxPoints,
            ["basis"] = r.Basis,
            ["is_final"] = r.IsFinal,
            ["computed_at"] = r.ComputedAt,
            ["rule_set"] = ScorecardRuleSet.Name,
        })),
    ];

    private void WriteTable(IReadOnlyList<ScorecardReportRow> rows, TextWriter output)
    {
        var console = ReportPrinter.ConsoleFor(output);
        var first = rows[0];
        var period = ReportPrinter.PeriodText(first.Period, first.PeriodStart, first.SnapshotDate, first.IsFinal);
        ReportPrinter.WriteLine(console, string.Join(" · ", new[] { province.Value.Name, ScoreText.Heading, period }.Where(p => p.Length > 0)));
        var scopes = ScorecardScopes.Of(rows);
        var table = new FittedTable(
        [
            new("Phạm vi", ColumnFit.Shorten, MinWidth: 12),
            .. ScorecardScopes.GroupCodes.Select(g => new FittedColumn(g, RightAligned: true)),
            new("Tổng", RightAligned: true),

            // Dropped on a narrow terminal: the province's line below says it in words.
            new("Tính được", ColumnFit.Drop, RightAligned: true),
        ]);
        foreach (var scope in scopes)
        {
            table.AddRow(
            [
                ReportPrinter.ScopeLabel(scope.Scope, scope.ScopeId, scope.ScopeName),
                .. ScorecardScopes.GroupCodes.Select(g => Cell(scope.Group(g)?.Points)),
                new FittedCell(ScoreText.Points(scope.Total?.Points), scope.Total?.Points is null ? "grey" : null),
                scope.Total is null ? new FittedCell("—", "grey") : ScoreText.Known(scope.Total),
            ]);
        }

        console.Write(table.Build(console.Profile.Width));
        foreach (var scope in scopes.Where(s => s.Scope == ScopeKind.Province.Text()))
        {
            ReportPrinter.WriteLine(console, $"{scope.Label}: {ScoreText.Total(scope.Total)}");
            ReportPrinter.WriteLine(console, "Cơ sở tính các mục của Toàn tỉnh:", "grey");
            foreach (var (basis, count) in ScorecardScopes.BasisCounts(scope))
            {
                ReportPrinter.WriteLine(console, $"  {count.ToString(CultureInfo.InvariantCulture)} mục {basis}: {ScoreText.Basis(basis)}", "grey");
            }

            ReportPrinter.WriteLine(console, ScoreText.BasisNote, "grey");
        }

        ReportPrinter.WriteLine(console, "Điểm theo nhóm (— không tính được); đơn vị xếp theo tổng điểm.", "grey");
        foreach (var group in ScorecardScopes.GroupCodes)
        {
            var row = scopes.Select(s => s.Group(group)).FirstOrDefault(g => g is not null);
            if (row is not null)
            {
                ReportPrinter.WriteLine(console, $"  {group} {row.Name} (tối đa {row.MaxPoints.ToString(CultureInfo.InvariantCulture)} điểm)");
            }
        }

        var missing = ScorecardScopes.MissingItems(scopes);
        if (missing.Count > 0)
        {
            ReportPrinter.WriteLine(console, "Mục chưa có dữ liệu (MISSING, không tính điểm):");
            foreach (var item in missing)
            {
                ReportPrinter.WriteLine(console, $"  {item.GroupCode} {item.Item}: {item.Name} ({item.MaxPoints.ToString(CultureInfo.InvariantCulture)} điểm)");
            }
        }
    }

    private static FittedCell Cell(decimal? points) => points is null ? new FittedCell("—", "grey") : ScoreText.Points(points);

    private static string Whole(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Number(decimal? value) => value?.ToString("0.00", CultureInfo.InvariantCulture) ?? "";
}
