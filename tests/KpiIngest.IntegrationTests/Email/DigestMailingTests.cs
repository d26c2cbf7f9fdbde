using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using KpiIngest.IntegrationTests.Alerts;
using KpiIngest.IntegrationTests.Infrastructure;
using MimeKit;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Email;

/// <summary>
/// indicators.md, Email, without an SMTP server: digests go to Email:PickupDirectory as .eml files (operations.md);
/// only snapshots dated today or yesterday mail anything, so a backfill or an old date updates alerts silently;
/// a bad address in configuration exits 2 naming it (issue 3).
/// </summary>
public sealed class DigestMailingTests
{
    [Fact]
    public async Task Once_NoSmtpHost_DigestsWrittenToPickupDirectory()
    {
        using var workspace = new ProvinceWorkspace();
        MailProvince.Seed(workspace);
        Configure(workspace, MailProvince.Route("PROVINCE", null, "tinh@example.test"), MailProvince.Route("UNIT", "X-A", "xa-a@example.test"));

        var result = (await workspace.RunAsync("once", "--date", MailProvince.YesterdayText)).ShouldSucceed();

        var messages = Directory.GetFiles(workspace.OutboxPath, "*.eml").Select(EmlMessage.Load).ToList();
        messages.Select(m => m.To).ShouldBe(["tinh@example.test", "xa-a@example.test"], ignoreOrder: true, result.Describe());
        var xaA = messages.Single(m => m.To == "xa-a@example.test");
        WebUtility.HtmlDecode(xaA.Html.ShouldNotBeNull()).ShouldContain("cần thêm 6 hồ sơ");
        new AlertQueries(workspace.StorePath).LatestRun().EmailsSent.ShouldBe(2);
        new AlertQueries(workspace.StorePath).Alerts().ShouldAllBe(a => a.NotifiedAt != null);
    }

    [Fact]
    public async Task Once_NoSmtpHost_PickupFilesAreWholeSevenBitMessagesMimeKitReadsBack()
    {
        using var workspace = new ProvinceWorkspace();
        MailProvince.Seed(workspace);
        Configure(workspace, MailProvince.Route("PROVINCE", null, "tinh@example.test"), MailProvince.Route("UNIT", "X-A", "xa-a@example.test"));

        var result = (await workspace.RunAsync("once", "--date", MailProvince.YesterdayText)).ShouldSucceed();

        // Only finished files: the .tmp each was written as has been renamed, none is left behind.
        Directory.GetFiles(workspace.OutboxPath).ShouldAllBe(f => f.EndsWith(".eml", StringComparison.Ordinal), result.Describe());
        var outbox = new AlertQueries(workspace.StorePath).Outbox().ToDictionary(o => o.Recipient);
        var files = Directory.GetFiles(workspace.OutboxPath, "*.eml");
        files.Length.ShouldBe(2, result.Describe());
        foreach (var file in files)
        {
            // 7-bit throughout (encoded words, quoted-printable or base64), as any relay that picks it up can pass on.
            File.ReadAllBytes(file).ShouldAllBe(b => b < 0x80, file);
            using var message = MimeMessage.Load(file, TestContext.Current.CancellationToken);
            var to = message.To.Mailboxes.ShouldHaveSingleItem().Address;
            var from = message.From.Mailboxes.ShouldHaveSingleItem();
            (from.Name, from.Address).ShouldBe(("KpiIngest", MailProvince.From));
            $"<{message.MessageId}>".ShouldBe(outbox[to].MessageId, "the stable Message-ID queued in kpi_outbox");
            message.Subject.ShouldBe(outbox[to].Subject);
            message.Subject.ShouldNotBeNull().ShouldContain(ProvinceWorkspace.ProvinceName);
            message.Date.ShouldNotBe(DateTimeOffset.MinValue);
            var parts = message.BodyParts.OfType<TextPart>().ToList();
            parts.Select(p => p.ContentType.MimeType).ShouldBe(["text/plain", "text/html"]);
            parts.ShouldAllBe(p => p.ContentType.Charset == "utf-8");
            WebUtility.HtmlDecode(message.HtmlBody.ShouldNotBeNull()).ShouldContain("cần thêm");
            message.TextBody.ShouldNotBeNull().ShouldContain("cần thêm");
        }
    }

    [Fact]
    public async Task Once_OldDate_UpdatesAlertsSilently()
    {
        using var workspace = new ProvinceWorkspace();
        SeedMisses(workspace, "2024-04-10");
        Configure(workspace, MailProvince.Route("PROVINCE", null, "tinh@example.test"));

        var result = (await workspace.RunAsync("once", "--date", "2024-04-20")).ShouldSucceed();

        // X-A 0/12 opens an alert dated 20 April 2024: long before yesterday, so nobody is mailed.
        var queries = new AlertQueries(workspace.StorePath);
        queries.Alerts().ShouldContain(a => a.Scope == "UNIT" && a.ScopeId == "X-A" && a.Status == "OPEN", result.Describe());
        Directory.Exists(workspace.OutboxPath).ShouldBeFalse(result.Describe());
        queries.Outbox().ShouldBeEmpty();
        queries.LatestRun().EmailsSent.ShouldBe(0);
        queries.Alerts().ShouldAllBe(a => a.NotifiedAt == null);
    }

    [Fact]
    public async Task Backfill_EndingTwoDaysAgo_UpdatesAlertsSilently()
    {
        using var workspace = new ProvinceWorkspace();
        var twoDaysAgo = MailProvince.Yesterday.AddDays(-1);
        SeedMisses(workspace, Day(twoDaysAgo));
        Configure(workspace, MailProvince.Route("PROVINCE", null, "tinh@example.test"));

        var result = (await workspace.RunAsync("backfill", "--from", Day(twoDaysAgo.AddDays(-2)), "--to", Day(twoDaysAgo))).ShouldSucceed();

        var queries = new AlertQueries(workspace.StorePath);
        queries.Alerts().ShouldContain(a => a.Scope == "UNIT" && a.ScopeId == "X-A", result.Describe());
        Directory.Exists(workspace.OutboxPath).ShouldBeFalse(result.Describe());
        queries.Outbox().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("tinh@example.test; capxa@example.test")]
    public async Task Once_BadRecipientAddress_ExitsTwoNamingIt(string address)
    {
        using var workspace = new ProvinceWorkspace();
        MailProvince.Seed(workspace);
        Configure(workspace, MailProvince.Route("PROVINCE", null, "tinh@example.test"), MailProvince.Route("UNIT", "X-A", address));

        var result = await workspace.RunAsync("once", "--date", MailProvince.YesterdayText);

        result.ShouldExitWith(2);
        result.StdErr.ShouldContain("Email:Recipients:1:To:0", Case.Insensitive, result.Describe());
        result.StdErr.ShouldContain(address, Case.Sensitive, result.Describe());
        workspace.Store.RunsIfAny().ShouldBeEmpty("bad configuration is reported before any work");
    }

    /// <summary>X-A receives 12 dossiers in person on <paramref name="day"/>: ONLINE_DOSSIER 0/12, a CRITICAL miss.</summary>
    private static void SeedMisses(ProvinceWorkspace workspace, string day)
    {
        workspace.AddUnits(new UnitRow("X-A", "Xã An Hòa", 3));
        workspace.AddProcedures(new ProcedureRow("X-A", "P1", 3));
        workspace.AddDossiers(Enumerable.Range(0, 12).Select(i => new DossierRow($"XA-{i:D2}", "X-A", "P1")
        {
            ReceivedAt = $"{day} 08:{i:D2}:00",
            Digitized = 1,
            ReusedData = 1,
            UpdatedAt = $"{day} 08:{i:D2}:00",
        }));
    }

    private static void Configure(ProvinceWorkspace workspace, params JsonObject[] routes) =>
        workspace.Configure(new JsonObject
        {
            ["Email"] = new JsonObject { ["From"] = MailProvince.From, ["Recipients"] = new JsonArray([.. routes]) },
        });

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
