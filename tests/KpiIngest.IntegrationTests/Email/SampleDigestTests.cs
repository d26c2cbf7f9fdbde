using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KpiIngest.Demo;
using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Email;

/// <summary>
/// Issue 3: "A screenshot-worthy HTML digest: add one generated sample to docs/ so a reader sees what administrators
/// receive." Generates it the way production would: a synthetic province (SyntheticProvince), the real CLI, the
/// .eml it writes to Email:PickupDirectory, and the HTML part of that message. Every run checks that digest; only
/// with KPIINGEST_WRITE_SAMPLES=1 is it written to docs/sample-digest.html, since it depends on today's date.
/// </summary>
public sealed partial class SampleDigestTests
{
    private const string Variable = "KPIINGEST_WRITE_SAMPLES";
    private const string Recipient = "vanphong.ubnd@sonha.example";

    [Fact]
    public async Task Once_SyntheticProvince_DigestHasSeveralScopesAndMissingProcedures()
    {
        var (message, _) = await GenerateAsync();

        var text = WebUtility.HtmlDecode(message.Html.ShouldNotBeNull());
        AlertTableHeader().Count(text).ShouldBeGreaterThanOrEqualTo(3, "several scopes");
        text.ShouldContain("Toàn tỉnh");
        text.ShouldContain("Cấp tỉnh");
        text.ShouldContain("Cấp xã");
        text.ShouldMatch("Thủ tục chưa phát sinh (hồ sơ|thanh toán) trực tuyến trong kỳ");
        text.ShouldMatch("cần thêm [0-9.]+ thủ tục");
        text.ShouldMatch("cần thêm [0-9.]+ hồ sơ");
        message.PlainText.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Once_SyntheticProvince_PickupEmlCarriesTheChartsInline()
    {
        var (message, _) = await GenerateAsync();

        // Many alerts over several scopes: charts up to the cap, each cid: of the HTML an inline PNG of the same message.
        var cids = ChartReference().Matches(message.Html.ShouldNotBeNull()).Select(m => m.Groups["cid"].Value).ToList();
        cids.Count.ShouldBeInRange(1, KpiIngest.Worker.Email.DigestRenderer.MaxCharts);
        foreach (var cid in cids)
        {
            var image = message.InlineImages.Where(i => i.ContentId == cid).ShouldHaveSingleItem(cid);
            image.MediaType.ShouldBe("image/png");
            image.RelatedToHtml.ShouldBeTrue();
        }
    }

    [Fact]
    public async Task WriteSampleDigest_SyntheticProvince_WritesDocsSampleDigestHtml()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
        {
            Assert.Skip($"Writes docs/sample-digest.html only when {Variable}=1 (the sample depends on today's date).");
        }

        var (message, _) = await GenerateAsync();

        var path = Path.Combine(RepositoryRoot(), "docs", "sample-digest.html");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // The charts as data URIs in place of their cid: parts, so the file shows in a browser as the mail does in a client.
        await File.WriteAllTextAsync(path, message.HtmlWithImagesInline() + "\n", new UTF8Encoding(false), TestContext.Current.CancellationToken);
        TestContext.Current.SendDiagnosticMessage($"Wrote {path}: {message.Subject}");
    }

    /// <summary>
    /// A synthetic province over the previous and the current month; the previous month backfilled first, silently
    /// (its dates are too old to mail), so each alert has a 30-day trend; then <c>once</c> as of yesterday, when every
    /// alert of this month opens and is mailed to the one PROVINCE recipient, as an .eml in the pickup directory.
    /// The store is SQLite unless <paramref name="server"/> holds it.
    /// </summary>
    internal static async Task<(EmlMessage Message, CliResult Run)> GenerateAsync(DatabaseServer? server = null)
    {
        using var workspace = new ProvinceWorkspace();
        if (server is not null)
        {
            workspace.UseServerStore(server);
        }

        var yesterday = MailProvince.Yesterday;
        var previousMonth = new DateOnly(yesterday.Year, yesterday.Month, 1).AddMonths(-1);
        var source = Path.Combine(workspace.Root, "synthetic.db");
        SyntheticProvince.Create(source, new SyntheticProvinceOptions
        {
            From = previousMonth,
            To = yesterday,
            Dossiers = 5_000,
            Units = 12,
            CatalogPairs = 150,
            Seed = 7,
        });
        workspace.Configure(new JsonObject
        {
            ["Source"] = new JsonObject { ["ConnectionString"] = $"Data Source={source}" },
            ["Province"] = new JsonObject { ["Name"] = "Tỉnh Sơn Hà (dữ liệu mô phỏng)", ["Code"] = "SH" },
            ["Email"] = new JsonObject
            {
                ["From"] = "kpi-ingest@sonha.example",
                ["Recipients"] = new JsonArray(MailProvince.Route("PROVINCE", null, Recipient)),
            },
        });

        var lastOfPrevious = previousMonth.AddMonths(1).AddDays(-1);
        (await workspace.RunAsync("backfill", "--from", Day(previousMonth), "--to", Day(lastOfPrevious))).ShouldSucceed();
        Directory.Exists(workspace.OutboxPath).ShouldBeFalse("nothing of the previous month is mailed");
        var run = (await workspace.RunAsync("once", "--date", Day(yesterday))).ShouldSucceed();

        var eml = Directory.GetFiles(workspace.OutboxPath, "*.eml").ShouldHaveSingleItem(run.Describe());
        return (EmlMessage.Load(eml), run);
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "KpiIngest.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No KpiIngest.sln above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex("<img src=\"cid:(?<cid>[^\"]+)\"")]
    private static partial Regex ChartReference();

    [GeneratedRegex("<tr[^>]*>\\s*<th[^>]*>Chỉ số</th>")]
    private static partial Regex AlertTableHeader();
}
