using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using KpiIngest.Core.Indicators;
using KpiIngest.Core.Periods;
using KpiIngest.Core.Snapshots;
using KpiIngest.Data.Store;
using KpiIngest.Worker.Charts;
using KpiIngest.Worker.Display;
using KpiIngest.Worker.Email;

namespace KpiIngest.Worker.Reports.Overview;

/// <summary>
/// Draws an <see cref="Overview"/> as one HTML document with its styles inline and nothing fetched from elsewhere:
/// the dashboard's page (<see cref="OverviewMode.Service"/>: a date and period form, links to unit pages) and the
/// `report --format html` file (<see cref="OverviewMode.File"/>: the same content, no form, no links). Every text that
/// comes from the source (unit and procedure names, identifiers) goes through the HTML encoder.
/// </summary>
public static class OverviewPage
{
    /// <summary>Procedures listed per indicator (6, 7) before "and N more": a province has thousands.</summary>
    public const int MissingShown = 200;

    private const int ChartWidth = 480;
    private const int ChartHeight = 240;

    // Vietnamese letters stay as they are (readable source); <, >, &, quotes and control characters are encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private const string Style = """
        body{font-family:"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;margin:1.5rem;color:#1d2733;background:#fff}
        h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.15rem;margin:2rem 0 .5rem;border-bottom:1px solid #d6dde5}
        .sub{color:#55606d;margin:0 0 1rem}table{border-collapse:collapse;margin:.5rem 0}
        th,td{border:1px solid #d6dde5;padding:.3rem .55rem;text-align:right;font-variant-numeric:tabular-nums}
        th:first-child,td.label{text-align:left}th{background:#f2f5f8}
        td.met{background:#e3f4e6;color:#17662a}td.missed{background:#fbe4e4;color:#a01b1b;font-weight:600}
        td.none{color:#8a949e}.mark{margin-left:.3rem}.legend li{margin:.15rem 0}
        .trends{display:grid;grid-template-columns:repeat(auto-fill,minmax(330px,1fr));gap:1rem}
        figure.trend{margin:0;border:1px solid #d6dde5;padding:.5rem}figure.trend figcaption{font-weight:600;margin-bottom:.3rem}
        .chart svg{max-width:100%;height:auto}table.values{font-size:.8rem}
        form{margin:.5rem 0 1rem}form label{margin-right:1rem}.empty{color:#55606d}nav a{margin-right:1rem}
        """;

    public static string Render(Overview overview, OverviewMode mode)
    {
        ArgumentNullException.ThrowIfNull(overview);
        var html = new StringBuilder();
        var title = overview.Unit is null
            ? $"Chỉ số dịch vụ công — {overview.ProvinceName}"
            : $"{overview.Unit.Name} — {overview.ProvinceName}";
        html.Append("<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(E(title)).Append("</title><style>").Append(Style).Append(ScorecardSection.Style).Append("</style></head><body>\n");
        html.Append("<h1>").Append(E(title)).Append("</h1>\n");
        if (overview.Unit is not null)
        {
            html.Append("<p class=\"sub\">").Append(E($"{ScopeKinds.LevelName(overview.Unit.Level)} · mã đơn vị {overview.Unit.UnitId}")).Append("</p>\n");
        }

        if (overview.Date is not { } day)
        {
            html.Append("<p class=\"empty\">Kho dữ liệu chưa có số liệu tổng hợp nào: hãy chạy <code>kpi-ingest once</code> hoặc <code>kpi-ingest backfill</code> trước.</p>");
            return html.Append("</body></html>\n").ToString();
        }

        var start = overview.Period.Start(day);
        html.Append("<p class=\"sub\" id=\"as-of\" data-date=\"").Append(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .Append("\" data-period=\"").Append(overview.Period.Text()).Append("\">")
            .Append(E($"Kỳ {PeriodName(overview.Period)}: từ {VietnameseFormat.Date(start)} đến {VietnameseFormat.Date(day)}")).Append("</p>\n");
        if (mode == OverviewMode.Service)
        {
            AppendForm(html, overview, day);
        }

        AppendIndicatorTable(html, overview);
        ScorecardSection.Append(html, overview, mode, day);
        AppendLegend(html, overview);
        AppendTrends(html, overview);
        if (overview.Unit is null)
        {
            AppendWorstUnits(html, overview, mode, day);
        }

        AppendAlerts(html, overview, mode, day);
        AppendMissing(html, "Thủ tục chưa phát sinh hồ sơ trực tuyến (chỉ số 6)", "missing-online", overview.WithoutOnlineDossier, mode, day, overview.Period);
        AppendMissing(html, "Thủ tục chưa phát sinh thanh toán trực tuyến (chỉ số 7)", "missing-payment", overview.WithoutOnlinePayment, mode, day, overview.Period);
        return html.Append("</body></html>\n").ToString();
    }

    /// <summary>The page's link to a unit, keeping the date and period shown.</summary>
    public static string UnitLink(string unitId, DateOnly day, PeriodKind period) =>
        $"/unit/{Uri.EscapeDataString(unitId)}?date={day:yyyy-MM-dd}&period={period.Text()}";

    private static void AppendForm(StringBuilder html, Overview overview, DateOnly day)
    {
        if (overview.Unit is not null)
        {
            html.Append("<nav><a href=\"/?date=").Append(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("&amp;period=")
                .Append(overview.Period.Text()).Append("\">← Toàn tỉnh</a></nav>\n");
        }

        html.Append("<form method=\"get\"><label>Ngày số liệu <input type=\"date\" name=\"date\" value=\"")
            .Append(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("\"></label><label>Kỳ <select name=\"period\">");
        foreach (var period in overview.Periods)
        {
            html.Append("<option value=\"").Append(period.Text()).Append('"').Append(period == overview.Period ? " selected" : "")
                .Append('>').Append(E(PeriodName(period))).Append("</option>");
        }

        html.Append("</select></label><button type=\"submit\">Xem</button></form>\n");
    }

    private static void AppendIndicatorTable(StringBuilder html, Overview overview)
    {
        html.Append("<h2>Kết quả so với chỉ tiêu</h2>\n");
        if (overview.Rows.Count == 0)
        {
            html.Append("<p class=\"empty\">Không có số liệu cho ngày và kỳ này.</p>\n");
            return;
        }

        html.Append("<table id=\"indicators\"><thead><tr><th>Phạm vi</th>");
        foreach (var indicator in IndicatorCatalog.All)
        {
            html.Append("<th title=\"").Append(E(indicator.NameVi)).Append("\">").Append(indicator.Number).Append("</th>");
        }

        html.Append("</tr></thead><tbody>\n");
        foreach (var scope in overview.Rows.GroupBy(r => (r.Scope, r.ScopeId)))
        {
            html.Append("<tr><td class=\"label\">").Append(E(ScopeLabel(scope.First()))).Append("</td>");
            foreach (var indicator in IndicatorCatalog.All)
            {
                var row = scope.FirstOrDefault(r => r.Indicator == indicator.Text);
                html.Append("<td class=\"").Append(Status(row)).Append("\" data-scope=\"").Append(E(scope.Key.Scope))
                    .Append("\" data-scope-id=\"").Append(E(scope.Key.ScopeId)).Append("\" data-indicator=\"").Append(indicator.Text)
                    .Append("\" title=\"").Append(E(row is null ? "" : $"{VietnameseFormat.Count(row.Numerator)} / {VietnameseFormat.Count(row.Denominator)}"))
                    .Append("\"><span class=\"ratio\">").Append(VietnameseFormat.Ratio(row?.Ratio)).Append("</span>")
                    .Append(row?.Met switch { true => "<span class=\"mark\">✔</span>", false => "<span class=\"mark\">▼</span>", _ => "" })
                    .Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("<tr><td class=\"label\">Chỉ tiêu</td>");
        foreach (var indicator in IndicatorCatalog.All)
        {
            var target = overview.Rows.FirstOrDefault(r => r.Indicator == indicator.Text && r.Target is not null)?.Target;
            html.Append("<td class=\"target\">").Append(VietnameseFormat.Ratio(target)).Append("</td>");
        }

        html.Append("</tr></tbody></table>\n<p class=\"sub\">Tỷ lệ % · ✔ đạt chỉ tiêu · ▼ chưa đạt · — không có dữ liệu.</p>\n");
    }

    private static void AppendLegend(StringBuilder html, Overview overview)
    {
        html.Append("<h2>Chú giải</h2>\n<ol class=\"legend\">");
        foreach (var indicator in IndicatorCatalog.All)
        {
            var target = overview.Rows.FirstOrDefault(r => r.Indicator == indicator.Text && r.Target is not null)?.Target;
            html.Append("<li data-indicator=\"").Append(indicator.Text).Append("\">").Append(E(indicator.NameVi))
                .Append(target is null ? "" : $" (chỉ tiêu {VietnameseFormat.Percent(target)})").Append("</li>");
        }

        html.Append("</ol>\n");
    }

    private static void AppendTrends(StringBuilder html, Overview overview)
    {
        html.Append("<h2>Diễn biến theo ngày</h2>\n<div class=\"trends\">\n");
        foreach (var trend in overview.Trends)
        {
            html.Append("<figure class=\"trend\" data-indicator=\"").Append(trend.Indicator.Text).Append("\"><figcaption>")
                .Append(trend.Indicator.Number).Append(". ").Append(E(trend.Indicator.NameVi)).Append("</figcaption>");

            // SVG markup made by the chart library from our own figures and indicator names: no source text in it.
            html.Append("<div class=\"chart\">").Append(Svg(new TrendChart($"Tỷ lệ % {PeriodName(overview.Period)}", trend.Series)))
                .Append("</div>");
            html.Append("<table class=\"values\"><tr><th>Tháng trước</th><th>Tỷ lệ % cuối tháng</th></tr>");
            foreach (var (monthEnd, ratio) in trend.PreviousMonths)
            {
                html.Append("<tr><td>").Append(VietnameseFormat.Month(monthEnd)).Append("</td><td>").Append(VietnameseFormat.Ratio(ratio)).Append("</td></tr>");
            }

            html.Append("</table>").Append(trend.Series.Target is null ? "" : $"<p class=\"sub\">Chỉ tiêu {VietnameseFormat.Percent(trend.Series.Target)}</p>")
                .Append("</figure>\n");
        }

        html.Append("</div>\n");
    }

    private static void AppendWorstUnits(StringBuilder html, Overview overview, OverviewMode mode, DateOnly day)
    {
        html.Append("<h2>Đơn vị thấp nhất so với chỉ tiêu</h2>\n");
        if (overview.WorstUnits.Count == 0)
        {
            html.Append("<p class=\"empty\">Mọi đơn vị đều đạt chỉ tiêu.</p>\n");
            return;
        }

        html.Append("<table id=\"worst-units\"><thead><tr><th>Chỉ số</th><th>Đơn vị</th><th>Tỷ lệ %</th><th>Chỉ tiêu %</th><th>Còn thiếu</th></tr></thead><tbody>\n");
        foreach (var worst in overview.WorstUnits)
        {
            html.Append("<tr data-indicator=\"").Append(worst.Indicator.Text).Append("\" data-scope-id=\"").Append(E(worst.Row.ScopeId)).Append("\"><td class=\"label\">")
                .Append(worst.Indicator.Number).Append(". ").Append(E(worst.Indicator.NameVi)).Append("</td><td class=\"label\">")
                .Append(UnitName(worst.Row.ScopeId, worst.Row.ScopeName, mode, day, overview.Period)).Append("</td><td class=\"missed\">")
                .Append(VietnameseFormat.Ratio(worst.Row.Ratio)).Append("</td><td>").Append(VietnameseFormat.Ratio(worst.Row.Target))
                .Append("</td><td>").Append(VietnameseFormat.Count(worst.Shortfall)).Append("</td></tr>\n");
        }

        html.Append("</tbody></table>\n");
    }

    private static void AppendAlerts(StringBuilder html, Overview overview, OverviewMode mode, DateOnly day)
    {
        html.Append("<h2>Cảnh báo đang mở</h2>\n");
        if (overview.Alerts.Count == 0)
        {
            html.Append("<p class=\"empty\">Không có cảnh báo nào đang mở.</p>\n");
            return;
        }

        html.Append("<table id=\"alerts\"><thead><tr><th>Mức</th><th>Chỉ số</th><th>Phạm vi</th><th>Tỷ lệ %</th><th>Chỉ tiêu %</th><th>Còn thiếu</th><th>Từ ngày</th></tr></thead><tbody>\n");
        foreach (var alert in overview.Alerts)
        {
            var name = IndicatorCatalog.TryParse(alert.Indicator, out var code)
                ? $"{IndicatorCatalog.Get(code).Number}. {IndicatorCatalog.Get(code).NameVi}"
                : alert.Indicator;
            var scope = alert.Scope switch
            {
                "UNIT" => UnitName(alert.ScopeId, alert.ScopeName, mode, day, overview.Period),
                "LEVEL" => E(int.TryParse(alert.ScopeId, CultureInfo.InvariantCulture, out var level) ? ScopeKinds.LevelName(level) : alert.ScopeId),
                _ => "Toàn tỉnh",
            };
            html.Append("<tr><td class=\"label\">").Append(E(VietnameseFormat.Severity(alert.Severity))).Append("</td><td class=\"label\">")
                .Append(E(name)).Append("</td><td class=\"label\">").Append(scope).Append("</td><td>").Append(VietnameseFormat.Ratio(alert.Ratio))
                .Append("</td><td>").Append(VietnameseFormat.Ratio(alert.Target)).Append("</td><td>").Append(VietnameseFormat.Count(alert.Shortfall))
                .Append("</td><td>").Append(E(StoreDay(alert.OpenedOn))).Append("</td></tr>\n");
        }

        html.Append("</tbody></table>\n");
    }

    private static void AppendMissing(
        StringBuilder html, string title, string id, IReadOnlyList<MissingProcedure> missing, OverviewMode mode, DateOnly day, PeriodKind period)
    {
        html.Append("<h2>").Append(E(title)).Append("</h2>\n");
        if (missing.Count == 0)
        {
            html.Append("<p class=\"empty\">Không có thủ tục nào.</p>\n");
            return;
        }

        html.Append("<table id=\"").Append(id).Append("\"><thead><tr><th>Đơn vị</th><th>Mã thủ tục</th><th>Tên thủ tục</th></tr></thead><tbody>\n");
        foreach (var procedure in missing.Take(MissingShown))
        {
            html.Append("<tr><td class=\"label\">").Append(UnitName(procedure.UnitId, procedure.UnitName, mode, day, period))
                .Append("</td><td class=\"label\">").Append(E(procedure.ProcedureCode))
                .Append("</td><td class=\"label\">").Append(E(procedure.ProcedureName)).Append("</td></tr>\n");
        }

        html.Append("</tbody></table>\n");
        if (missing.Count > MissingShown)
        {
            html.Append("<p class=\"sub\">và ").Append(VietnameseFormat.Count(missing.Count - MissingShown)).Append(" thủ tục khác.</p>\n");
        }
    }

    private static string UnitName(string unitId, string? name, OverviewMode mode, DateOnly day, PeriodKind period)
    {
        var text = E(name ?? unitId);
        return mode == OverviewMode.Service
            ? $"<a href=\"{E(UnitLink(unitId, day, period))}\">{text}</a>"
            : text;
    }

    private static string Status(ReportRow? row) => row switch
    {
        null or { Ratio: null } => "none",
        { Met: true } => "met",
        { Met: false } => "missed",
        _ => "plain",
    };

    private static string ScopeLabel(ReportRow row) => row.Scope switch
    {
        "PROVINCE" => "Toàn tỉnh",
        "LEVEL" => row.Level is { } level ? ScopeKinds.LevelName((int)level) : row.ScopeId,
        _ => row.ScopeName ?? row.ScopeId,
    };

    private static string PeriodName(PeriodKind period) => period switch
    {
        PeriodKind.Day => "trong ngày (DAY)",
        PeriodKind.Mtd => "từ đầu tháng (MTD)",
        PeriodKind.Qtd => "từ đầu quý (QTD)",
        _ => "từ đầu năm (YTD)",
    };

    private static string StoreDay(string storeDay) =>
        DateOnly.TryParseExact(storeDay, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? VietnameseFormat.Date(day)
            : storeDay;

    internal static string E(string text) => Encoder.Encode(text);

    /// <summary>The chart's SVG element, without an XML declaration (it sits inside an HTML page).</summary>
    private static string Svg(TrendChart chart)
    {
        var svg = chart.ToSvg(ChartWidth, ChartHeight);
        var start = Math.Max(0, svg.IndexOf("<svg", StringComparison.Ordinal));

        // A viewBox lets the page scale the chart to its column instead of cutting it off.
        return svg.Contains("viewBox", StringComparison.Ordinal)
            ? svg[start..]
            : string.Create(CultureInfo.InvariantCulture, $"<svg viewBox=\"0 0 {ChartWidth} {ChartHeight}\"{svg[(start + "<svg".Length)..]}");
    }
}

/// <summary>Where the overview is read: in the service (interactive) or as a file (self-contained, no links).</summary>
public enum OverviewMode
{
    Service,
    File,
}
