using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using KpiIngest.Core.Periods;
using KpiIngest.Core.Scorecard;
using KpiIngest.Core.Snapshots;
using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Dashboard;

/// <summary>
/// Issue 17: the overview's QĐ 766 section, in `report --format html` and in the service's dashboard (`/`, `/unit/{id}`),
/// loaded in a real headless chromium and checked against the scorecard rows the store holds.
/// </summary>
public sealed partial class ScorecardDashboardTests(ScorecardProvinceFixture fixture) : IClassFixture<ScorecardProvinceFixture>
{
    private static readonly TimeSpan ExitDeadline = TimeSpan.FromSeconds(60);

    private static readonly NumberFormatInfo Vietnamese = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "." };

    [Fact]
    public async Task ReportHtml_Scorecard_ShowsTheProvincesEstimateGroupsRankedUnitsAndMissingItemsEncoded()
    {
        HeadlessChromium.RequireOrSkip();
        var workspace = fixture.Workspace;
        var file = Path.Combine(workspace.Root, $"{Guid.NewGuid():N}.html");

        (await workspace.RunAsync("report", "--format", "html", "--output", file)).ShouldSucceed();

        var html = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
        html.ShouldNotContain("<script", Case.Insensitive, "the file is static");
        var dom = await HeadlessChromium.DumpDomAsync(new Uri(file).AbsoluteUri);
        var section = Section(dom);
        section.ShouldContain("Bộ chỉ số 766 — ước tính theo quy tắc DVCQG 2026");
        section.ShouldContain("57,50 điểm, tính được 76/100 điểm");
        foreach (var group in ScorecardSeed.Groups)
        {
            var row = fixture.Row(ScopeKind.Province, "", group.Key);
            var (shown, width) = GroupRow(section, group.Key);
            shown.ShouldBe(Points(row.Points), group.Key);
            width.ShouldBe((row.Points!.Value / row.MaxPoints * 100m).ToString("0.##", CultureInfo.InvariantCulture), $"{group.Key}'s bar against its max");
            section.ShouldContain($"{group.Key} {group.Value.NameVi}");
        }

        RankedUnits(section).ShouldBe(ScorecardProvinceFixture.UnitRanking, "highest total first");
        section.ShouldContain("Sở Tư pháp &lt;i&gt;&amp;&lt;/i&gt;", Case.Sensitive, "the unit's name is text, never markup");
        section.ShouldNotContain("<i>&amp;</i>");
        section.ShouldNotContain("href=\"/unit/", Case.Sensitive, "the file links nowhere");
        foreach (var item in ScorecardSeed.Items.Where(i => i.Basis == ScoreBasis.Missing))
        {
            section.ShouldContain($"data-item=\"{item.Code}\">{item.Group} · {item.NameVi} ({item.MaxPoints} điểm)");
        }
    }

    [Fact]
    public async Task ReportHtml_PeriodDay_SaysTheScorecardHasNoDayFigures()
    {
        HeadlessChromium.RequireOrSkip();
        var workspace = fixture.Workspace;
        var file = Path.Combine(workspace.Root, $"{Guid.NewGuid():N}.html");

        (await workspace.RunAsync("report", "--format", "html", "--period", "DAY", "--output", file)).ShouldSucceed();

        var section = Section(await HeadlessChromium.DumpDomAsync(new Uri(file).AbsoluteUri));
        section.ShouldContain("Chỉ số 766 không tính theo ngày (DAY)");
        section.ShouldNotContain("id=\"scorecard-groups\"");
    }

    [Fact]
    public async Task Run_Dashboard_ScorecardOnTheProvincePageLinksUnitsWhosePagesListTheirItems()
    {
        HeadlessChromium.RequireOrSkip();
        using var workspace = SmallProvinces.ForService();
        var port = SmallProvinces.EnableDashboard(workspace);
        await using var service = workspace.Start("run");
        await SmallProvinces.FirstPollAsync(workspace, service);

        // A date the service never computes, so its polls leave these rows as written.
        var day = new DateOnly(2020, 1, 31);
        var unitRows = ScorecardSeed.Scope(day, PeriodKind.Mtd, ScopeKind.Unit, "SO-TP", 1, 0.5m);
        ScorecardSeed.Replace(workspace.StorePath, [.. ScorecardSeed.Scope(day, PeriodKind.Mtd, ScopeKind.Province, "", null, 0.5m), .. unitRows]);

        var page = Section(await HeadlessChromium.DumpDomAsync($"http://127.0.0.1:{port}/?date=2020-01-31"));
        page.ShouldContain("39,00 điểm, tính được 76/100 điểm");
        RankedUnits(page).ShouldBe(["SO-TP"]);
        page.ShouldContain("href=\"/unit/SO-TP?date=2020-01-31&amp;period=MTD\"", Case.Sensitive, "each ranked unit links to its page");

        var unitPage = Section(await HeadlessChromium.DumpDomAsync($"http://127.0.0.1:{port}/unit/SO-TP?date=2020-01-31"));
        unitPage.ShouldContain("39,00 điểm, tính được 76/100 điểm");
        var items = ItemRows(unitPage);
        items.Select(i => i.Item).ShouldBe(unitRows.Where(r => r.Item != r.GroupCode && r.Item != ScorecardRuleSet.Total).Select(r => r.Item), ignoreOrder: true);
        foreach (var row in unitRows.Where(r => r.Item != r.GroupCode && r.Item != ScorecardRuleSet.Total))
        {
            var shown = items.Single(i => i.Item == row.Item);
            (shown.Basis, shown.Points).ShouldBe((row.Basis!.Value.ToString().ToUpperInvariant(), Points(row.Points)), row.Item);
        }

        service.Terminate();
        (await service.WaitForExitAsync(ExitDeadline)).ShouldSucceed();
    }

    /// <summary>The scorecard section of a page, from its heading to the section's end.</summary>
    private static string Section(string dom)
    {
        var start = dom.IndexOf("<section id=\"scorecard\">", StringComparison.Ordinal);
        start.ShouldBeGreaterThanOrEqualTo(0, "the page has the scorecard section");
        return dom[start..(dom.IndexOf("</section>", start, StringComparison.Ordinal) + "</section>".Length)];
    }

    private static (string Points, string Width) GroupRow(string section, string group)
    {
        var match = GroupPattern().Matches(section).SingleOrDefault(m => m.Groups["group"].Value == group)
            ?? throw new ShouldAssertException($"no row of group {group} in {section}");
        return (match.Groups["points"].Value, match.Groups["width"].Value);
    }

    private static IReadOnlyList<string> RankedUnits(string section) =>
        [.. RankPattern().Matches(section).Select(m => WebUtility.HtmlDecode(m.Groups["id"].Value))];

    private static IReadOnlyList<(string Item, string Basis, string Points)> ItemRows(string section) =>
        [.. ItemPattern().Matches(section).Select(m => (m.Groups["item"].Value, m.Groups["basis"].Value, m.Groups["points"].Value))];

    private static string Points(decimal? points) => points?.ToString("#,0.00", Vietnamese) ?? "—";

    [GeneratedRegex("""<tr data-group="(?<group>G\d)">.*?<td class="points">(?<points>[^<]*)</td>.*?style="width:(?<width>[0-9.]+)%""")]
    private static partial Regex GroupPattern();

    [GeneratedRegex("""<tr data-scope-id="(?<id>[^"]*)" data-rank="\d+">""")]
    private static partial Regex RankPattern();

    [GeneratedRegex("""<tr data-item="(?<item>[A-Z_]+)" data-basis="(?<basis>[A-Z]*)">.*?<td class="points">(?<points>[^<]*)</td>""")]
    private static partial Regex ItemPattern();
}
