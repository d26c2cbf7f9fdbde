using System.Globalization;
using System.Text;
using KpiIngest.Core.Periods;
using KpiIngest.Core.Snapshots;
using KpiIngest.Data.Store;
using KpiIngest.Worker.Display;

namespace KpiIngest.Worker.Reports.Overview;

/// <summary>
/// The overview's QĐ 766 section (scorecard.md, "Where it goes"), drawn from the stored rows only: on the province's page its
/// estimate with "tính được X/100" and the rule set's name, the six groups as bars against their max, the units ranked by
/// total (top and bottom, linked to their pages in the service) and the items that lack data; on a unit's page its 21 items
/// with basis and points. Every text from the store goes through the page's HTML encoder.
/// </summary>
internal static class ScorecardSection
{
    /// <summary>Units shown at each end of the ranking; a province with at most twice as many shows them all.</summary>
    public const int RankedShown = 5;

    public const string Style = """
        .score{font-size:1.1rem}.score-total{font-weight:700}
        .bar{display:inline-block;width:160px;height:.7rem;background:#e6ebf0;vertical-align:middle}
        .bar span{display:block;height:100%;background:#2e6da4}
        """;

    public static void Append(StringBuilder html, Overview overview, OverviewMode mode, DateOnly day)
    {
        html.Append("<h2>Chỉ số 766 (ước tính)</h2>\n<section id=\"scorecard\">\n<p class=\"sub\">").Append(E(ScoreText.Heading)).Append("</p>\n");
        if (overview.Period == PeriodKind.Day)
        {
            html.Append("<p class=\"empty\">Chỉ số 766 không tính theo ngày (DAY): chọn kỳ MTD, QTD hoặc YTD.</p>\n</section>\n");
            return;
        }

        var focus = overview.Unit is null
            ? overview.Scorecard.FirstOrDefault(s => s.Scope == ScopeKind.Province.Text())
            : overview.Scorecard.Count > 0 ? overview.Scorecard[0] : null;
        if (focus is null)
        {
            html.Append("<p class=\"empty\">Kho dữ liệu chưa có điểm Chỉ số 766 cho ngày và kỳ này: chỉ số bị tắt (Scorecard:Enabled) ")
                .Append("hoặc số liệu được tính trước khi có chỉ số này.</p>\n</section>\n");
            return;
        }

        html.Append("<p class=\"score\" data-points=\"").Append(Invariant(focus.Total?.Points)).Append("\" data-known-max=\"")
            .Append(focus.Total?.KnownMaxPoints.ToString(CultureInfo.InvariantCulture) ?? "").Append("\"><span class=\"score-total\">")
            .Append(E(ScoreText.Total(focus.Total))).Append("</span></p>\n");
        AppendGroups(html, focus);
        html.Append("<p class=\"sub\" id=\"scorecard-basis\">").Append(E(ScoreText.BasisLine(focus))).Append("</p>\n");
        if (overview.Unit is null)
        {
            AppendRanking(html, overview, mode, day);
            AppendMissing(html, ScorecardScopes.MissingItems([focus]));
        }
        else
        {
            AppendItems(html, focus);
        }

        html.Append("</section>\n");
    }

    private static void AppendGroups(StringBuilder html, ScopeScore scope)
    {
        html.Append("<table id=\"scorecard-groups\"><thead><tr><th>Nhóm</th><th>Điểm</th><th>So với tối đa</th><th>Tối đa</th><th>Tính được</th></tr></thead><tbody>\n");
        foreach (var group in scope.Groups)
        {
            var width = group.Points is { } points && group.MaxPoints > 0 ? Math.Clamp(points / group.MaxPoints * 100m, 0m, 100m) : 0m;
            html.Append("<tr data-group=\"").Append(E(group.GroupCode)).Append("\"><td class=\"label\">").Append(E($"{group.GroupCode} {group.Name}"))
                .Append("</td><td class=\"points\">").Append(ScoreText.Points(group.Points)).Append("</td><td class=\"label\"><span class=\"bar\"><span style=\"width:")
                .Append(width.ToString("0.##", CultureInfo.InvariantCulture)).Append("%\"></span></span></td><td>")
                .Append(group.MaxPoints.ToString(CultureInfo.InvariantCulture)).Append("</td><td>")
                .Append(group.KnownMaxPoints.ToString(CultureInfo.InvariantCulture)).Append("</td></tr>\n");
        }

        html.Append("</tbody></table>\n");
    }

    private static void AppendRanking(StringBuilder html, Overview overview, OverviewMode mode, DateOnly day)
    {
        var ranked = overview.Scorecard.Where(s => s.Scope == ScopeKind.Unit.Text() && s.Total?.Points is not null).ToList();
        html.Append("<h3>Đơn vị xếp theo tổng điểm</h3>\n");
        if (ranked.Count == 0)
        {
            html.Append("<p class=\"empty\">Chưa có đơn vị nào có điểm.</p>\n");
            return;
        }

        html.Append("<table id=\"scorecard-units\"><thead><tr><th>Hạng</th><th>Đơn vị</th><th>Tổng điểm</th><th>Tính được</th></tr></thead><tbody>\n");
        for (var i = 0; i < ranked.Count; i++)
        {
            if (ranked.Count > 2 * RankedShown && i == RankedShown)
            {
                html.Append("<tr class=\"gap\"><td class=\"label\" colspan=\"4\">… ")
                    .Append(VietnameseFormat.Count(ranked.Count - (2 * RankedShown))).Append(" đơn vị khác …</td></tr>\n");
                i = ranked.Count - RankedShown;
            }

            var unit = ranked[i];
            var name = E(unit.ScopeName ?? unit.ScopeId);
            html.Append("<tr data-scope-id=\"").Append(E(unit.ScopeId)).Append("\" data-rank=\"").Append((i + 1).ToString(CultureInfo.InvariantCulture))
                .Append("\"><td>").Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append("</td><td class=\"label\">")
                .Append(mode == OverviewMode.Service ? $"<a href=\"{E(OverviewPage.UnitLink(unit.ScopeId, day, overview.Period))}\">{name}</a>" : name)
                .Append("</td><td class=\"points\">").Append(ScoreText.Points(unit.Total!.Points)).Append("</td><td>")
                .Append(ScoreText.Known(unit.Total)).Append("</td></tr>\n");
        }

        html.Append("</tbody></table>\n");
    }

    private static void AppendMissing(StringBuilder html, IReadOnlyList<ScorecardReportRow> missing)
    {
        html.Append("<h3>Mục chưa có dữ liệu</h3>\n");
        if (missing.Count == 0)
        {
            html.Append("<p class=\"empty\">Mọi mục đều tính được.</p>\n");
            return;
        }

        html.Append("<ul id=\"scorecard-missing\">");
        foreach (var item in missing)
        {
            html.Append("<li data-item=\"").Append(E(item.Item)).Append("\">").Append(E($"{item.GroupCode} · {item.Name} ({item.MaxPoints} điểm)"))
                .Append("</li>");
        }

        html.Append("</ul>\n");
    }

    private static void AppendItems(StringBuilder html, ScopeScore scope)
    {
        html.Append("<table id=\"scorecard-items\"><thead><tr><th>Nhóm</th><th>Mục</th><th>Cơ sở tính</th><th>Tử số / mẫu số</th><th>Tỷ lệ %</th>")
            .Append("<th>Điểm</th><th>Tối đa</th></tr></thead><tbody>\n");
        foreach (var item in scope.Items)
        {
            html.Append("<tr data-item=\"").Append(E(item.Item)).Append("\" data-basis=\"").Append(E(item.Basis ?? "")).Append("\"><td class=\"label\">")
                .Append(E(item.GroupCode)).Append("</td><td class=\"label\">").Append(E(item.Name)).Append("</td><td class=\"label\">")
                .Append(E($"{item.Basis} ({ScoreText.Basis(item.Basis)})")).Append("</td><td>")
                .Append(item.Numerator is { } n && item.Denominator is { } d ? $"{VietnameseFormat.Count(n)} / {VietnameseFormat.Count(d)}" : "—")
                .Append("</td><td>").Append(VietnameseFormat.Ratio(item.Ratio)).Append("</td><td class=\"points\">").Append(ScoreText.Points(item.Points))
                .Append("</td><td>").Append(item.MaxPoints.ToString(CultureInfo.InvariantCulture)).Append("</td></tr>\n");
        }

        html.Append("</tbody></table>\n");
    }

    private static string Invariant(decimal? value) => value?.ToString("0.00", CultureInfo.InvariantCulture) ?? "";

    private static string E(string text) => OverviewPage.E(text);
}
