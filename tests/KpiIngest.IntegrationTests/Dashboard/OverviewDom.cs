using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;

namespace KpiIngest.IntegrationTests.Dashboard;

/// <summary>The figures an overview page shows, read from the DOM a browser ended with, and their check against kpi_snapshot.</summary>
public static partial class OverviewDom
{
    private static readonly NumberFormatInfo Vietnamese = new() { NumberGroupSeparator = ".", NumberDecimalSeparator = "," };

    /// <summary>One indicator cell: its status class, scope, scope id, indicator and the ratio text shown.</summary>
    public sealed record Cell(string Status, string Scope, string ScopeId, string Indicator, string Shown);

    public static IReadOnlyList<Cell> Cells(string dom) =>
    [
        .. CellPattern().Matches(dom).Select(m => new Cell(
            m.Groups["status"].Value, WebUtility.HtmlDecode(m.Groups["scope"].Value), WebUtility.HtmlDecode(m.Groups["id"].Value),
            m.Groups["indicator"].Value, WebUtility.HtmlDecode(m.Groups["shown"].Value))),
    ];

    /// <summary>The snapshot date and period the page says it shows.</summary>
    public static (string Date, string Period) AsOf(string dom)
    {
        var match = AsOfPattern().Match(dom);
        match.Success.ShouldBeTrue("the page names its snapshot date and period (#as-of)");
        return (match.Groups["date"].Value, match.Groups["period"].Value);
    }

    /// <summary>
    /// Every store row is shown once, with its ratio as Vietnamese text (1.234,56; — for no data) and met as the
    /// cell's class; the page shows no cell the store does not have.
    /// </summary>
    public static void ShouldShow(string dom, IReadOnlyList<StoredSnapshotRow> rows)
    {
        rows.ShouldNotBeEmpty("the store has rows to compare with");
        var cells = Cells(dom);
        cells.Count.ShouldBe(rows.Count, $"one cell per kpi_snapshot row; page cells: {string.Join(", ", cells)}");
        foreach (var row in rows)
        {
            var cell = cells.Where(c => c.Scope == row.Scope && c.ScopeId == row.ScopeId && c.Indicator == row.Indicator)
                .ShouldHaveSingleItem($"the page's cell for {row}");
            cell.Shown.ShouldBe(row.Ratio?.ToString("#,0.00", Vietnamese) ?? "—", $"{row}");
            cell.Status.ShouldBe(row switch
            {
                { Ratio: null } => "none",
                { Met: true } => "met",
                { Met: false } => "missed",
                _ => "plain",
            }, $"{row}");
        }
    }

    [GeneratedRegex("""<td class="(?<status>\w+)" data-scope="(?<scope>[^"]*)" data-scope-id="(?<id>[^"]*)" data-indicator="(?<indicator>[A-Z_]+)"[^>]*><span class="ratio">(?<shown>[^<]*)</span>""")]
    private static partial Regex CellPattern();

    [GeneratedRegex("""id="as-of" data-date="(?<date>[0-9-]+)" data-period="(?<period>[A-Z]+)""")]
    private static partial Regex AsOfPattern();
}
