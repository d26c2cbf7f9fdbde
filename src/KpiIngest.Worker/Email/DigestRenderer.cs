using System.Globalization;
using System.Net;
using System.Text;
using KpiIngest.Core.Alerts;
using KpiIngest.Core.Indicators;
using KpiIngest.Core.Periods;
using KpiIngest.Core.Scorecard;
using KpiIngest.Core.Snapshots;
using KpiIngest.Worker.Charts;
using KpiIngest.Worker.Display;

namespace KpiIngest.Worker.Email;

/// <summary>
/// Renders a digest in Vietnamese: a subject with the province, date and counts; an HTML body with one table
/// per scope (inline styles only, a bar strip for the trend, and under the most important alerts a chart of the
/// indicator over the period, as a PNG that <see cref="MailComposer"/> attaches inline; no scripts, so it shows in
/// common mail clients); a plain-text alternative. Every text that comes from the source is HTML-encoded.
/// </summary>
public static class DigestRenderer
{
    private const string Red = "#c0392b";
    private const string Amber = "#d68910";
    private const string Green = "#1e8449";
    private static readonly char[] Spark = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

    /// <summary>
    /// Charts per digest: a chart is some 20 KB, so a province-wide digest with hundreds of unit alerts would otherwise
    /// grow past what mail servers accept and clients show. Which alerts get one: <see cref="ChartPriority"/>.
    /// </summary>
    public const int MaxCharts = 12;

    public static RenderedDigest Render(Digest digest)
    {
        var critical = digest.Items.Count(i => i.Notice.Alert.Severity == AlertSeverity.Critical);
        var warning = digest.Items.Count - critical;
        var subject = $"[KPI] {digest.ProvinceName}: chỉ số dịch vụ công ngày {VietnameseFormat.Date(digest.Date)} - "
            + $"{critical} NGHIÊM TRỌNG, {warning} CẢNH BÁO";
        return new RenderedDigest(Clean(subject), Html(digest, critical, warning), Text(digest, critical, warning));
    }

    /// <summary>
    /// One block character per snapshot, scaled between the lowest and highest of the series and its target,
    /// so that movement shows even when every value sits far below the target; · marks no data.
    /// </summary>
    public static string Sparkline(IReadOnlyList<decimal?> trend, decimal target)
    {
        var values = trend.Where(r => r is not null).Select(r => r!.Value).Append(target).ToList();
        var low = values.Min();
        var span = Math.Max(values.Max() - low, 1m);
        return new([.. trend.Select(r => r is null ? '·' : Spark[(int)Math.Clamp(Math.Round((r.Value - low) / span * 7m), 0, 7)])]);
    }

    public static string Shortfall(Alert alert) =>
        $"cần thêm {VietnameseFormat.Count(alert.Shortfall)} {(IsCatalogIndicator(alert.Key.Indicator) ? "thủ tục" : "hồ sơ")}";

    public static string SeverityVi(AlertSeverity severity) => VietnameseFormat.Severity(severity);

    public static string EventVi(AlertEvent alertEvent) => alertEvent switch
    {
        AlertEvent.Opened => "Mới phát sinh",
        AlertEvent.Reopened => "Tái diễn",
        _ => "Chuyển nghiêm trọng",
    };

    public static string PeriodVi(PeriodKind period, DateOnly start, DateOnly asOf) => period switch
    {
        PeriodKind.Day => $"Ngày {VietnameseFormat.Date(asOf)}",
        PeriodKind.Mtd => $"Tháng {VietnameseFormat.Month(start)} (đến {VietnameseFormat.DayMonth(asOf)})",
        PeriodKind.Qtd => $"Quý {((start.Month - 1) / 3) + 1}/{start.Year.ToString(CultureInfo.InvariantCulture)} (đến {VietnameseFormat.DayMonth(asOf)})",
        _ => $"Năm {start.Year.ToString(CultureInfo.InvariantCulture)} (đến {VietnameseFormat.DayMonth(asOf)})",
    };

    /// <summary>
    /// "Chỉ số 766 (ước tính, DVCQG 2026): 82,88/100 điểm (tính được 96/100), +0,45 so với hôm qua": the province's
    /// estimate, without the change when the store has no previous day; null when the digest quotes no score.
    /// </summary>
    public static string? ScoreLine(Digest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        if (digest.Score is not { } score)
        {
            return null;
        }

        var line = Estimate(score.Points, score.KnownMaxPoints);
        return score.Change switch
        {
            null => line,
            0m => line + ", không đổi so với hôm qua",
            > 0m => line + $", +{VietnameseFormat.Ratio(score.Change)} so với hôm qua",
            _ => line + $", {VietnameseFormat.Ratio(score.Change)} so với hôm qua",
        };
    }

    /// <summary>"Chỉ số 766 (ước tính, DVCQG 2026): 82,88/100 điểm (tính được 96/100)": a province's estimate in one line.</summary>
    public static string Estimate(decimal? points, int knownMaxPoints) =>
        $"Chỉ số 766 (ước tính, {ScorecardRuleSet.Name}): "
        + (points is null ? "chưa tính được điểm nào" : $"{VietnameseFormat.Ratio(points)}/{ScorecardRuleSet.MaxPoints} điểm")
        + $" (tính được {knownMaxPoints.ToString(CultureInfo.InvariantCulture)}/{ScorecardRuleSet.MaxPoints})";

    /// <summary>The latest snapshot date the digest's alerts were computed for.</summary>
    private static DateOnly AsOf(Digest digest) => digest.Items.Count == 0 ? digest.Date : digest.Items.Max(i => i.Notice.Alert.LastSeenOn);

    /// <summary>
    /// How far the data goes: only a day that had ended when the source was read is whole ("đến hết ngày"); a day still
    /// running is covered up to the time it was read, which is what the reader must know before acting on a figure.
    /// </summary>
    public static string DataCoverage(Digest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var asOf = AsOf(digest);
        return asOf < DateOnly.FromDateTime(digest.ReadUpTo)
            ? $"Số liệu đến hết ngày {VietnameseFormat.Date(asOf)}"
            : $"Số liệu đến {VietnameseFormat.Moment(digest.ReadUpTo)}";
    }

    private static bool IsCatalogIndicator(IndicatorCode code) => code is IndicatorCode.OnlineServiceUsed or IndicatorCode.OnlinePaymentUsed;

    /// <summary>
    /// The alerts that get a chart: province and level alerts first (a handful, whatever the number of units, and what a
    /// recipient of many units reads first), then unit alerts CRITICAL first and by shortfall, at most <see cref="MaxCharts"/>.
    /// </summary>
    public static IEnumerable<DigestItem> ChartPriority(IEnumerable<DigestItem> items) =>
        items.Where(i => i.Chart is not null)
            .OrderBy(i => i.Notice.Alert.Key.Scope == ScopeKind.Unit)
            .ThenByDescending(i => i.Notice.Alert.Severity)
            .ThenByDescending(i => i.Notice.Alert.Shortfall)
            .ThenBy(i => i.Notice.AlertId)
            .Take(MaxCharts);

    /// <summary>What the chart shows, for a reader who cannot see it (alt text), in Vietnamese.</summary>
    public static string ChartDescription(DigestItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var alert = item.Notice.Alert;
        var points = item.Chart?.Series.Points ?? [];
        var span = points.Count == 0 ? "" : $" từ {VietnameseFormat.Date(points[0].Day)} đến {VietnameseFormat.Date(points[^1].Day)}";
        return $"Biểu đồ {IndicatorCatalog.Get(alert.Key.Indicator).NameVi} — {item.ScopeName}: tỷ lệ {PeriodKindVi(alert.Key.Period)} từng ngày{span}, "
            + $"đường nét đứt là chỉ tiêu {Percent(alert.Target)}; hiện đạt {Percent(alert.Ratio)}.";
    }

    private static string PeriodKindVi(PeriodKind period) => period switch
    {
        PeriodKind.Day => "trong ngày",
        PeriodKind.Mtd => "lũy kế tháng",
        PeriodKind.Qtd => "lũy kế quý",
        _ => "lũy kế năm",
    };

    private static string Html(Digest digest, int critical, int warning)
    {
        var charted = ChartPriority(digest.Items).ToHashSet();
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>")
            .Append(E(digest.ProvinceName)).Append("</title></head>")
            .Append("<body style=\"margin:0;padding:16px;background:#f4f6f8;font-family:Arial,Helvetica,sans-serif;color:#1c2833\">")
            .Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" style=\"max-width:960px;margin:0 auto;background:#ffffff;border:1px solid #d5d8dc\">")
            .Append("<tr><td style=\"padding:16px 20px;background:#154360;color:#ffffff\">")
            .Append("<div style=\"font-size:13px;opacity:.85\">KpiIngest · Bộ chỉ số phục vụ người dân, doanh nghiệp (NQ 02/NQ-CP, QĐ 766/QĐ-TTg)</div>")
            .Append("<div style=\"font-size:20px;font-weight:bold;margin-top:4px\">").Append(E(digest.ProvinceName))
            .Append(" — ngày ").Append(VietnameseFormat.Date(digest.Date)).Append("</div>")
            .Append("<div style=\"font-size:13px;opacity:.85;margin-top:2px\">").Append(E(DataCoverage(digest))).Append("</div>")
            .Append("<div style=\"margin-top:8px;font-size:14px\">")
            .Append(Badge($"{critical} nghiêm trọng", Red)).Append(' ').Append(Badge($"{warning} cảnh báo", Amber))
            .Append("</div></td></tr>");
        if (ScoreLine(digest) is { } score)
        {
            html.Append("<tr><td id=\"scorecard-line\" style=\"padding:12px 20px 0;font-size:15px;font-weight:bold\">").Append(E(score)).Append("</td></tr>");
        }

        html.Append("<tr><td style=\"padding:12px 20px;font-size:14px;line-height:1.5\">")
            .Append("Các chỉ tiêu dưới đây vừa phát sinh, tái diễn hoặc chuyển sang mức nghiêm trọng trong lần cập nhật này. ")
            .Append("<b>Cần thêm</b> là số hồ sơ (hoặc thủ tục) phải đạt thêm để đạt chỉ tiêu, với mẫu số giữ nguyên.")
            .Append("</td></tr>");

        foreach (var scope in Order(digest.Items).GroupBy(i => (i.Notice.Alert.Key.Scope, i.Notice.Alert.Key.ScopeId)))
        {
            var first = scope.First();
            html.Append("<tr><td style=\"padding:8px 20px 16px\">")
                .Append("<div style=\"font-size:16px;font-weight:bold;margin:8px 0\">").Append(E(first.ScopeName)).Append("</div>")
                .Append("<table cellpadding=\"6\" cellspacing=\"0\" width=\"100%\" style=\"border-collapse:collapse;font-size:13px\">")
                .Append("<tr style=\"background:#eaecee;text-align:left\">")
                .Append(Th("Chỉ số")).Append(Th("Tỷ lệ")).Append(Th("Chỉ tiêu")).Append(Th("Chênh lệch"))
                .Append(Th("Mức")).Append(Th("Kỳ")).Append(Th("Cần thêm")).Append(Th("Xu hướng 30 kỳ")).Append("</tr>");
            foreach (var item in scope)
            {
                var alert = item.Notice.Alert;
                var color = alert.Severity == AlertSeverity.Critical ? Red : Amber;
                html.Append("<tr style=\"border-top:1px solid #d5d8dc\">")
                    .Append("<td style=\"border-left:4px solid ").Append(color).Append("\">")
                    .Append(E(IndicatorCatalog.Get(alert.Key.Indicator).NameVi))
                    .Append("<div style=\"font-size:11px;color:#566573\">").Append(E(EventVi(alert.LastEvent))).Append("</div></td>")
                    .Append("<td style=\"color:").Append(color).Append(";font-weight:bold;white-space:nowrap\">")
                    .Append(Percent(alert.Ratio)).Append("<div style=\"font-size:11px;color:#566573;font-weight:normal\">")
                    .Append(VietnameseFormat.Count(alert.Numerator)).Append('/').Append(VietnameseFormat.Count(alert.Denominator)).Append("</div></td>")
                    .Append("<td style=\"white-space:nowrap\">").Append(Percent(alert.Target)).Append("</td>")
                    .Append("<td style=\"white-space:nowrap\">").Append(Points(alert.Gap)).Append("</td>")
                    .Append("<td>").Append(Badge(SeverityVi(alert.Severity), color)).Append("</td>")
                    .Append("<td>").Append(E(PeriodVi(alert.Key.Period, alert.Key.PeriodStart, alert.LastSeenOn))).Append("</td>")
                    .Append("<td style=\"font-weight:bold\">").Append(E(Shortfall(alert))).Append("</td>")
                    .Append("<td>").Append(Bars(item.Trend, alert.Target)).Append("</td></tr>");
                if (item.MissingProcedures.Count > 0)
                {
                    html.Append("<tr><td colspan=\"8\" style=\"padding:4px 6px 10px 14px;font-size:12px;color:#34495e\">")
                        .Append("<b>").Append(E(alert.Key.Indicator == IndicatorCode.OnlineServiceUsed
                            ? "Thủ tục chưa phát sinh hồ sơ trực tuyến trong kỳ:"
                            : "Thủ tục chưa phát sinh thanh toán trực tuyến trong kỳ:")).Append("</b><ul style=\"margin:4px 0;padding-left:18px\">");
                    foreach (var unit in item.MissingProcedures.GroupBy(m => (m.UnitId, m.UnitName)))
                    {
                        html.Append("<li>").Append(E(unit.Key.UnitName)).Append(": ")
                            .Append(string.Join("; ", unit.Select(m => $"{E(m.ProcedureName)} ({E(m.ProcedureCode)})"))).Append("</li>");
                    }

                    html.Append("</ul>");
                    if (item.MissingProceduresTotal > item.MissingProcedures.Count)
                    {
                        html.Append("<div>… và ").Append(VietnameseFormat.Count(item.MissingProceduresTotal - item.MissingProcedures.Count)).Append(" thủ tục khác.</div>");
                    }

                    html.Append("</td></tr>");
                }

                if (charted.Contains(item))
                {
                    html.Append("<tr><td colspan=\"8\" style=\"padding:4px 6px 12px 14px\">").Append(ChartImage(item)).Append("</td></tr>");
                }
            }

            html.Append("</table></td></tr>");
        }

        html.Append("<tr><td style=\"padding:12px 20px;font-size:11px;color:#7f8c8d;border-top:1px solid #d5d8dc\">")
            .Append("Thư tự động từ KpiIngest. Tỷ lệ = 100 × tử số / mẫu số, làm tròn 2 chữ số; chỉ tiêu đạt khi 100 × tử số ≥ chỉ tiêu × mẫu số. ")
            .Append("Xem đầy đủ: <code>kpi-ingest report --alerts</code> hoặc bảng kpi_alert.")
            .Append("</td></tr></table></body></html>");
        return html.ToString();
    }

    private static string Text(Digest digest, int critical, int warning)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{digest.ProvinceName} - chỉ số dịch vụ công ngày {VietnameseFormat.Date(digest.Date)}");
        text.AppendLine(DataCoverage(digest));
        text.AppendLine(CultureInfo.InvariantCulture, $"{critical} nghiêm trọng, {warning} cảnh báo");
        if (ScoreLine(digest) is { } score)
        {
            text.AppendLine(score);
        }
        foreach (var scope in Order(digest.Items).GroupBy(i => (i.Notice.Alert.Key.Scope, i.Notice.Alert.Key.ScopeId)))
        {
            text.AppendLine().AppendLine(Clean(scope.First().ScopeName));
            foreach (var item in scope)
            {
                var a = item.Notice.Alert;
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"  [{SeverityVi(a.Severity)}] {IndicatorCatalog.Get(a.Key.Indicator).NameVi}: {Percent(a.Ratio)} / chỉ tiêu {Percent(a.Target)} "
                    + $"({VietnameseFormat.Count(a.Numerator)}/{VietnameseFormat.Count(a.Denominator)}), {PeriodVi(a.Key.Period, a.Key.PeriodStart, a.LastSeenOn)}, {Shortfall(a)}; "
                    + $"xu hướng {Sparkline(item.Trend, a.Target)}");
                foreach (var unit in item.MissingProcedures.GroupBy(m => m.UnitName))
                {
                    text.AppendLine(CultureInfo.InvariantCulture,
                        $"    {Clean(unit.Key)}: {string.Join("; ", unit.Select(m => $"{Clean(m.ProcedureName)} ({Clean(m.ProcedureCode)})"))}");
                }
            }
        }

        return text.ToString();
    }

    /// <summary>Province first, then levels, then units; within a scope CRITICAL first, then by shortfall.</summary>
    private static IEnumerable<DigestItem> Order(IEnumerable<DigestItem> items) =>
        items.OrderBy(i => i.Notice.Alert.Key.Scope)
            .ThenBy(i => i.Notice.Alert.Key.Scope == ScopeKind.Unit ? i.ScopeName : i.Notice.Alert.Key.ScopeId, StringComparer.Ordinal)
            .ThenBy(i => i.Notice.Alert.Key.ScopeId, StringComparer.Ordinal)
            .ThenByDescending(i => i.Notice.Alert.Severity)
            .ThenByDescending(i => i.Notice.Alert.Shortfall);

    /// <summary>
    /// The trend as a Unicode sparkline in the severity colours (below target red, else green): a few bytes
    /// per snapshot, so a province-wide digest stays under the size at which mail clients clip it.
    /// </summary>
    private static string Bars(IReadOnlyList<decimal?> trend, decimal target)
    {
        var html = new StringBuilder("<span style=\"font-family:Consolas,Menlo,monospace;font-size:15px;letter-spacing:-1px;white-space:nowrap\">");
        string? open = null;
        var line = Sparkline(trend, target);
        var index = 0;
        foreach (var ratio in trend)
        {
            var color = ratio is null ? "#aab7b8" : ratio < target ? Red : Green;
            if (color != open)
            {
                html.Append(open is null ? "" : "</span>").Append("<span style=\"color:").Append(color).Append("\">");
                open = color;
            }

            html.Append(line[index++]);
        }

        return html.Append(open is null ? "" : "</span>").Append("</span>").ToString();
    }

    /// <summary>
    /// The chart as a PNG data URI: the queued HTML stays one self-contained document (a browser shows it as it is), and
    /// <see cref="MailComposer"/> turns each such image into an inline part referenced by cid:, which mail clients show.
    /// </summary>
    private static string ChartImage(DigestItem item) =>
        $"<img src=\"data:image/png;base64,{Convert.ToBase64String(item.Chart!.ToPng())}\" width=\"{TrendChart.DefaultWidth}\" "
        + $"height=\"{TrendChart.DefaultHeight}\" alt=\"{E(ChartDescription(item))}\" "
        + "style=\"display:block;max-width:100%;height:auto;border:1px solid #d5d8dc\">";

    private static string Badge(string text, string color) =>
        $"<span style=\"display:inline-block;padding:2px 8px;border-radius:10px;background:{color};color:#ffffff;font-size:12px;white-space:nowrap\">{E(text)}</span>";

    private static string Th(string text) => $"<th style=\"padding:6px;white-space:nowrap\">{E(text)}</th>";

    private static string Percent(decimal? value) => VietnameseFormat.Percent(value);

    private static string Points(decimal? value) => VietnameseFormat.Points(value);

    /// <summary>HTML text: control characters from the source go first (HtmlEncode keeps them, and HTML forbids them).</summary>
    private static string E(string text) => WebUtility.HtmlEncode(Clean(text));

    /// <summary>Plain text from the source: no control characters (no header or line injection).</summary>
    private static string Clean(string text) => new([.. text.Select(c => char.IsControl(c) ? ' ' : c)]);
}
