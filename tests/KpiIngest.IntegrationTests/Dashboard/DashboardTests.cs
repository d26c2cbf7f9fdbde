using System.Net;
using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;
using static KpiIngest.IntegrationTests.Infrastructure.Kpi;

namespace KpiIngest.IntegrationTests.Dashboard;

/// <summary>
/// Issue #15: the overview as `report --format html` and as the service's dashboard (`/`, `/unit/{id}`), loaded in a real
/// headless chromium and checked figure by figure against kpi_snapshot; the dashboard's access key.
/// </summary>
public sealed class DashboardTests
{
    private static readonly TimeSpan ExitDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ReportHtml_Output_FileShowsTheStoresFiguresForTheDateWithSourceTextEncoded()
    {
        HeadlessChromium.RequireOrSkip();
        using var workspace = CreateSmallProvince();
        (await workspace.RunAsync("backfill", "--from", "2024-04-29", "--to", "2024-04-30")).ShouldSucceed();
        var file = Path.Combine(workspace.Root, "overview.html");

        var result = (await workspace.RunAsync("report", "--format", "html", "--date", "2024-04-29", "--output", file)).ShouldSucceed();

        result.StdOut.ShouldBeEmpty("the overview goes to the file, not the terminal");
        var html = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
        html.ShouldNotContain("<script", Case.Insensitive, "the file is static");
        html.ShouldNotContain("<link", Case.Insensitive, "styles are inline");
        var dom = await HeadlessChromium.DumpDomAsync(new Uri(file).AbsoluteUri);
        OverviewDom.AsOf(dom).ShouldBe(("2024-04-29", Mtd));
        OverviewDom.ShouldShow(dom, workspace.Store.Snapshots("2024-04-29", Mtd).Where(r => r.Scope is Province or Level).ToList());

        // The unit's name is source text: shown as text, never as markup.
        dom.ShouldContain("Sở Tư pháp &lt;i&gt;&amp;&lt;/i&gt;");
        dom.ShouldNotContain("<i>&amp;</i>");
        html.ShouldContain("<svg", Case.Sensitive, "the trend charts are inline SVG");
    }

    [Fact]
    public async Task ReportHtml_WithScopeOrAlerts_ExitsTwoSayingWhatItTakes()
    {
        using var workspace = CreateSmallProvince();
        (await workspace.RunAsync("backfill", "--from", "2024-04-30", "--to", "2024-04-30")).ShouldSucceed();

        var scoped = await workspace.RunAsync("report", "--format", "html", "--scope", "UNIT");
        var alerts = await workspace.RunAsync("report", "--format", "html", "--alerts");

        scoped.ShouldExitWith(2);
        scoped.StdErr.ShouldContain("--date and --period only", Case.Sensitive, scoped.Describe());
        alerts.ShouldExitWith(2);
    }

    [Fact]
    public async Task Run_Dashboard_PageAndUnitPageShowTheStoresFiguresOfTheLatestDate()
    {
        HeadlessChromium.RequireOrSkip();
        using var workspace = SmallProvinces.ForService();
        var port = SmallProvinces.EnableDashboard(workspace);
        await using var service = workspace.Start("run");
        await SmallProvinces.FirstPollAsync(workspace, service);

        var page = await HeadlessChromium.DumpDomAsync($"http://127.0.0.1:{port}/");
        var (date, period) = OverviewDom.AsOf(page);
        period.ShouldBe(Mtd, "MTD by default");
        date.ShouldBe(workspace.Store.Snapshots().Max(r => r.SnapshotDate), "the latest snapshot date by default");
        OverviewDom.ShouldShow(page, workspace.Store.Snapshots(date, Mtd).Where(r => r.Scope is Province or Level).ToList());
        page.ShouldContain($"/unit/SO-TP?date={date}", Case.Sensitive, "P1 has no online payment yet: its unit is listed and linked");

        var unitPage = await HeadlessChromium.DumpDomAsync($"http://127.0.0.1:{port}/unit/SO-TP?date={date}&period=DAY");
        OverviewDom.AsOf(unitPage).ShouldBe((date, Day));
        OverviewDom.ShouldShow(unitPage, workspace.Store.Snapshots(date, Day).Where(r => r is { Scope: Unit, ScopeId: "SO-TP" }).ToList());

        service.Terminate();
        (await service.WaitForExitAsync(ExitDeadline)).ShouldSucceed();
    }

    [Fact]
    public async Task Run_AccessKey_DashboardRefusedWithoutItAndShownWithTheHeaderOrAfterLogin()
    {
        using var workspace = SmallProvinces.ForService();
        var port = SmallProvinces.FreeLoopbackPort();
        const string key = "s3cret-dashboard-key";
        workspace.Configure($$"""{ "Service": { "Health": { "Enabled": true, "Urls": "http://127.0.0.1:{{port}}", "AccessKey": "{{key}}" } } }""");
        await using var service = workspace.Start("run");
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            Timeout = TimeSpan.FromSeconds(10),
        };
        await Eventually.Until(() => workspace.Store.Runs().Any(r => r is { Kind: "poll", Status: "SUCCEEDED" }), "a poll to succeed", context: service.Describe);
        Status(http, "/health/live").ShouldBe(HttpStatusCode.OK, "health stays open without a key");

        // Without the key, or with a wrong one: 401 and the login form, no figures.
        using (var refused = await http.GetAsync("/", TestContext.Current.CancellationToken))
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            var body = await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            body.ShouldContain("id=\"login\"");
            body.ShouldNotContain("id=\"indicators\"");
        }

        (await Send(http, HttpMethod.Get, "/unit/SO-TP", ("X-Kpi-Access-Key", "wrong"))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using (var wrongLogin = await http.PostAsync("/login", new FormUrlEncodedContent([new("key", "wrong"), new("returnTo", "/")]), TestContext.Current.CancellationToken))
        {
            wrongLogin.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            wrongLogin.Headers.Contains("Set-Cookie").ShouldBeFalse();
        }

        // With the key in the header: the page.
        using (var accepted = await Send(http, HttpMethod.Get, "/", ("X-Kpi-Access-Key", key)))
        {
            accepted.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        // Through the login form: a cookie (not the key itself) that opens the pages.
        using var login = await http.PostAsync("/login", new FormUrlEncodedContent([new("key", key), new("returnTo", "/unit/SO-TP")]), TestContext.Current.CancellationToken);
        login.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        login.Headers.Location!.OriginalString.ShouldBe("/unit/SO-TP");
        var cookie = login.Headers.GetValues("Set-Cookie").ShouldHaveSingleItem().Split(';')[0];
        cookie.ShouldNotContain(key);
        using (var withCookie = await Send(http, HttpMethod.Get, "/unit/SO-TP", ("Cookie", cookie)))
        {
            withCookie.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        service.Terminate();
        var exit = await service.WaitForExitAsync(ExitDeadline);
        exit.ShouldSucceed();
        exit.Output.ShouldNotContain(key, Case.Sensitive, "the key is never logged");
        exit.Output.ShouldContain("the dashboard asks for the access key");
    }

    [Fact]
    public async Task Run_BeyondLoopbackWithoutKey_ExitsTwoNamingTheKey()
    {
        using var workspace = SmallProvinces.ForService();
        workspace.Configure($$"""{ "Service": { "Health": { "Enabled": true, "Urls": "http://0.0.0.0:{{SmallProvinces.FreeLoopbackPort()}}" } } }""");

        var result = await workspace.RunAsync("run");

        result.ShouldExitWith(2);
        result.StdErr.ShouldContain("Service:Health:AccessKey", Case.Sensitive, result.Describe());
        result.StdErr.ShouldContain("Service:Health:AllowAnonymous", Case.Sensitive, result.Describe());
    }

    [Fact]
    public async Task Run_BeyondLoopbackAnonymousAllowed_StartsAndSaysTheDashboardIsOpen()
    {
        using var workspace = SmallProvinces.ForService();
        var port = SmallProvinces.FreeLoopbackPort();
        workspace.Configure($$"""{ "Service": { "Health": { "Enabled": true, "Urls": "http://0.0.0.0:{{port}}", "AllowAnonymous": true } } }""");
        await using var service = workspace.Start("run");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };

        await Eventually.Until(() => Status(http, "/") == HttpStatusCode.OK, "the dashboard to answer without a key", context: service.Describe);

        service.Terminate();
        var exit = await service.WaitForExitAsync(ExitDeadline);
        exit.ShouldSucceed();
        exit.Output.ShouldContain("open to anyone who reaches it");
    }

    /// <summary>The April 2024 province, its unit's name with markup characters (source text to encode).</summary>
    private static ProvinceWorkspace CreateSmallProvince() => SmallProvinces.FillApril2024(new ProvinceWorkspace(), "Sở Tư pháp <i>&</i>");

    private static HttpStatusCode? Status(HttpClient http, string path)
    {
        try
        {
            using var response = http.GetAsync(path, TestContext.Current.CancellationToken).GetAwaiter().GetResult();
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static Task<HttpResponseMessage> Send(HttpClient http, HttpMethod method, string path, (string Name, string Value) header)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add(header.Name, header.Value);
        return http.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
