using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KpiIngest.IntegrationTests.Alerts;
using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Email;

/// <summary>
/// Issue 3 against a real SMTP server (aiosmtpd, <see cref="SmtpTestServer"/>), through the real CLI on
/// <see cref="MailProvince"/>: the digest arrives with the right recipients, a UTF-8 Vietnamese subject and an
/// HTML table; kpi_run and kpi_alert record it; a refused recipient does not stop the others; a server that was
/// down gets every digest exactly once when it is back; a second run with nothing new sends nothing.
/// </summary>
public sealed partial class SmtpDeliveryTests
{
    private const string Tinh = "tinh@example.test";
    private const string CapXa = "capxa@example.test";
    private const string XaA = "xa-a@example.test";
    private const string XaB = "xa-b@example.test";
    private const string SoTp = "sotp@example.test";
    private const string Ops = "ops@example.test";
    private const string Refused = "refused-capxa@example.test";

    /// <summary>Who gets which of the four alerts (indicators.md, routing), and so which digests exist.</summary>
    private static JsonArray Routes(params string[] extraLevel3) =>
    [
        MailProvince.Route("PROVINCE", null, Tinh),
        MailProvince.Route("LEVEL", "3", [CapXa, .. extraLevel3]),
        MailProvince.Route("UNIT", "X-A", XaA),
        MailProvince.Route("UNIT", "X-B", XaB), // X-B meets its target: no digest
        MailProvince.Route("UNIT", "SO-TP", SoTp),
        MailProvince.Route("OPS", null, Ops),
    ];

    [Fact]
    public async Task Once_UnitMissesTarget_DigestsArriveWithRightRecipientsSubjectAndTable()
    {
        await using var server = await SmtpTestServer.CreateAsync();
        using var workspace = CreateWorkspace(server.Port, Routes());

        var result = (await workspace.RunAsync("once", "--date", MailProvince.YesterdayText)).ShouldSucceed();

        var messages = server.Messages();
        var byRecipient = ByEnvelopeRecipient(messages, result);
        byRecipient.Keys.ShouldBe([CapXa, SoTp, Tinh, XaA], ignoreOrder: true, Describe(messages, result));

        // PROVINCE: all four alerts, four scopes (level 1, level 3, SO-TP, X-A); 1 CRITICAL, 3 WARNING.
        var tinh = byRecipient[Tinh];
        tinh.To.ShouldNotBeNull().ShouldContain(Tinh);
        tinh.From.ShouldNotBeNull().ShouldContain(MailProvince.From);
        tinh.RawSubject.ShouldContain("=?utf-8?", Case.Insensitive); // UTF-8 encoded words: the subject is not ASCII
        tinh.Subject.ShouldContain(ProvinceWorkspace.ProvinceName);
        tinh.Subject.ShouldContain(MailProvince.Today.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        CountBefore(tinh.Subject, "nghiêm trọng").ShouldBe(1, tinh.Subject);
        CountBefore(tinh.Subject, "cảnh báo").ShouldBe(3, tinh.Subject);
        var html = Decoded(tinh);
        AlertTables(html).ShouldBe(4, html);
        html.ShouldContain("<table");
        foreach (var expected in (string[])
        [
            MailProvince.SoTpName, MailProvince.XaAName, "Cấp tỉnh", "Cấp xã", "Tỷ lệ hồ sơ trực tuyến",
            "Tỷ lệ khai thác, sử dụng lại thông tin, dữ liệu số hóa", "cần thêm 6 hồ sơ", "cần thêm 2 hồ sơ", "cần thêm 1 hồ sơ",
        ])
        {
            html.ShouldContain(expected);
        }

        html.ShouldNotContain(MailProvince.XaBName); // X-B misses nothing
        tinh.PlainText.ShouldNotBeNullOrWhiteSpace();
        tinh.PlainText.ShouldContain("cần thêm 6 hồ sơ");

        // LEVEL 3: its level's alert and its unit X-A's; nothing of level 1 or SO-TP.
        var capXa = byRecipient[CapXa];
        CountBefore(capXa.Subject, "nghiêm trọng").ShouldBe(1, capXa.Subject);
        CountBefore(capXa.Subject, "cảnh báo").ShouldBe(1, capXa.Subject);
        var capXaHtml = Decoded(capXa);
        AlertTables(capXaHtml).ShouldBe(2);
        capXaHtml.ShouldContain("cần thêm 6 hồ sơ");
        capXaHtml.ShouldContain("cần thêm 2 hồ sơ");
        capXaHtml.ShouldNotContain(MailProvince.SoTpName);
        capXaHtml.ShouldNotContain("Cấp tỉnh");

        // UNIT X-A: its own alert only.
        var xaA = byRecipient[XaA];
        CountBefore(xaA.Subject, "nghiêm trọng").ShouldBe(1, xaA.Subject);
        CountBefore(xaA.Subject, "cảnh báo").ShouldBe(0, xaA.Subject);
        var xaAHtml = Decoded(xaA);
        AlertTables(xaAHtml).ShouldBe(1);
        xaAHtml.ShouldContain(MailProvince.XaAName);
        xaAHtml.ShouldNotContain("cần thêm 2 hồ sơ");
        xaAHtml.ShouldNotContain("Cấp xã");

        // UNIT SO-TP: its data-reuse warning only.
        var soTp = byRecipient[SoTp];
        CountBefore(soTp.Subject, "nghiêm trọng").ShouldBe(0, soTp.Subject);
        CountBefore(soTp.Subject, "cảnh báo").ShouldBe(1, soTp.Subject);
        Decoded(soTp).ShouldContain("cần thêm 1 hồ sơ");
        Decoded(soTp).ShouldNotContain(MailProvince.XaAName);

        // Each message carries the Message-ID queued for it in the outbox.
        var outbox = Queries(workspace).Outbox();
        outbox.Count.ShouldBe(4);
        outbox.ShouldAllBe(o => o.Status == "SENT");
        foreach (var row in outbox)
        {
            byRecipient[row.Recipient].MessageId.ShouldBe(row.MessageId);
        }

        var run = Queries(workspace).LatestRun();
        (run.EmailsSent, run.EmailsFailed).ShouldBe((4L, 0L), result.Describe());
        run.AlertsOpened.ShouldBe(4);
        Queries(workspace).Alerts().ShouldAllBe(a => a.NotifiedAt != null);
    }

    [Fact]
    public async Task Once_MailProvince_StoresTheFourAlertsWorkedOutByHand()
    {
        await using var server = await SmtpTestServer.CreateAsync();
        using var workspace = CreateWorkspace(server.Port, Routes());

        var result = (await workspace.RunAsync("once", "--date", MailProvince.YesterdayText)).ShouldSucceed();

        var alerts = Queries(workspace).Alerts();
        var status = MailProvince.ExpectedOpenStatus;
        var start = MailProvince.PeriodStartText;
        var day = MailProvince.YesterdayText;
        alerts.Select(a => a.Comparable).ShouldBe(
        [
            new AlertRow(0, "DATA_REUSE", "MTD", start, "LEVEL", "1", 1, status, "WARNING", 41.67m, 50m, 8.33m, 5, 12, 1, day, day,
                status == "MISSED" ? day : null, null),
            new AlertRow(0, "DATA_REUSE", "MTD", start, "UNIT", "SO-TP", 1, status, "WARNING", 41.67m, 50m, 8.33m, 5, 12, 1, day, day,
                status == "MISSED" ? day : null, null),
            new AlertRow(0, "ONLINE_DOSSIER", "MTD", start, "LEVEL", "3", 3, status, "WARNING", 41.67m, 50m, 8.33m, 10, 24, 2, day, day,
                status == "MISSED" ? day : null, null),
            new AlertRow(0, "ONLINE_DOSSIER", "MTD", start, "UNIT", "X-A", 3, status, "CRITICAL", 0m, 50m, 50m, 0, 12, 6, day, day,
                status == "MISSED" ? day : null, null),
        ], result.Describe());
    }

    [Fact]
    public async Task Once_RefusedRecipient_CountedAsFailedAndOthersStillDelivered()
    {
        await using var server = await SmtpTestServer.CreateAsync();
        using var workspace = CreateWorkspace(server.Port, Routes(Refused));

        var result = (await workspace.RunAsync("once", "--date", MailProvince.YesterdayText)).ShouldSucceed();

        // Five digests queued (refused-capxa sorts between capxa and sotp): four accepted, one refused.
        var messages = server.Messages();
        ByEnvelopeRecipient(messages, result).Keys.ShouldBe([CapXa, SoTp, Tinh, XaA], ignoreOrder: true);
        var run = Queries(workspace).LatestRun();
        (run.EmailsSent, run.EmailsFailed).ShouldBe((4L, 1L), result.Describe());
        run.Status.ShouldBe("SUCCEEDED");

        var refused = Queries(workspace).Outbox().Single(o => o.Recipient == Refused);
        refused.Status.ShouldBe("PENDING");
        refused.Attempts.ShouldBe(1);
        refused.LastError.ShouldNotBeNullOrWhiteSpace();

        // The server's own reply, code and text, in the outbox and the log.
        const string reply = "550 5.1.1 <refused-capxa@example.test>: recipient refused by the test server";
        refused.LastError.ShouldContain(reply, Case.Sensitive, result.Describe());
        result.StdErr.ShouldContain(reply, Case.Sensitive, result.Describe());

        // notified_at: set only where every recipient routed to the alert accepted it (store.md).
        var alerts = Queries(workspace).Alerts().ToDictionary(a => (a.Scope, a.ScopeId, a.Indicator));
        alerts[("UNIT", "X-A", "ONLINE_DOSSIER")].NotifiedAt.ShouldBeNull();   // routed to the refused level-3 address
        alerts[("LEVEL", "3", "ONLINE_DOSSIER")].NotifiedAt.ShouldBeNull();    // likewise
        alerts[("UNIT", "SO-TP", "DATA_REUSE")].NotifiedAt.ShouldNotBeNull(); // tinh and sotp accepted
        alerts[("LEVEL", "1", "DATA_REUSE")].NotifiedAt.ShouldNotBeNull();    // tinh accepted
    }

    [Fact]
    public async Task Once_ServerDownThenUp_EveryDigestDeliveredExactlyOnce()
    {
        await using var server = await SmtpTestServer.CreateAsync(start: false);
        using var workspace = CreateWorkspace(server.Port, Routes());

        // Nothing listens on the port: every attempt fails, the run still succeeds (operations.md: exit 0).
        var down = (await workspace.RunAsync("once", "--date", MailProvince.YesterdayText)).ShouldSucceed();
        var first = Queries(workspace).LatestRun();
        first.Status.ShouldBe("SUCCEEDED");
        (first.EmailsSent, first.EmailsFailed).ShouldBe((0L, 4L), down.Describe());
        var queued = Queries(workspace).Outbox();
        queued.Count.ShouldBe(4);
        queued.ShouldAllBe(o => o.Status == "PENDING" && o.Attempts == 1 && o.LastError != null);
        queued.ShouldAllBe(o => string.CompareOrdinal(o.NextAttemptAt, o.CreatedAt) > 0); // a backoff before the retry
        Queries(workspace).Alerts().ShouldAllBe(a => a.NotifiedAt == null);

        // The retry waits DigestDelivery.Backoff (1 minute, up to 20 % more, after a first failure). Rather than
        // sleep through it, the test makes the queued digests due now, as the clock would after the backoff.
        await server.StartAsync();
        Queries(workspace).MakePendingDigestsDue().ShouldBe(4);
        var up = (await workspace.RunAsync("once", "--date", MailProvince.YesterdayText)).ShouldSucceed();
        var second = Queries(workspace).LatestRun();
        (second.EmailsSent, second.EmailsFailed).ShouldBe((4L, 0L), up.Describe());

        var messages = server.Messages();
        var byRecipient = ByEnvelopeRecipient(messages, up);
        byRecipient.Keys.ShouldBe([CapXa, SoTp, Tinh, XaA], ignoreOrder: true);
        foreach (var row in queued)
        {
            byRecipient[row.Recipient].MessageId.ShouldBe(row.MessageId, "the Message-ID queued by the first run");
        }

        Queries(workspace).Outbox().ShouldAllBe(o => o.Status == "SENT");
        Queries(workspace).Alerts().ShouldAllBe(a => a.NotifiedAt != null);

        // A third run has nothing new and nothing pending: the server still holds exactly one copy of each.
        var again = (await workspace.RunAsync("once", "--date", MailProvince.YesterdayText)).ShouldSucceed();
        Queries(workspace).LatestRun().EmailsSent.ShouldBe(0, again.Describe());
        var all = server.Messages();
        all.Count.ShouldBe(4, Describe(all, again));
        all.Select(m => m.MessageId).Distinct().Count().ShouldBe(4);
    }

    [Fact]
    public async Task Once_SecondRunWithNothingNew_SendsNothing()
    {
        await using var server = await SmtpTestServer.CreateAsync();
        using var workspace = CreateWorkspace(server.Port, Routes());
        (await workspace.RunAsync("once", "--date", MailProvince.YesterdayText)).ShouldSucceed();
        server.Messages().Count.ShouldBe(4);
        var notified = Queries(workspace).Alerts().Select(a => a.NotifiedAt).ToList();

        var second = (await workspace.RunAsync("once", "--date", MailProvince.YesterdayText)).ShouldSucceed();

        var run = Queries(workspace).LatestRun();
        (run.EmailsSent, run.EmailsFailed, run.AlertsOpened).ShouldBe((0L, 0L, 0L), second.Describe());
        server.Messages().Count.ShouldBe(4);
        Queries(workspace).Outbox().Count.ShouldBe(4);
        Queries(workspace).Alerts().Select(a => a.NotifiedAt).ShouldBe(notified);
    }

    [Fact]
    public async Task Once_TodayEscalatesAndOpens_OnlyTheNewTransitionsAreMailed()
    {
        if (MailProvince.Today.Day == 1)
        {
            Assert.Skip("Needs yesterday and today in one month (an escalation within one MTD period); today is the 1st.");
        }

        await using var server = await SmtpTestServer.CreateAsync();
        using var workspace = CreateWorkspace(server.Port, Routes());
        (await workspace.RunAsync("once", "--date", MailProvince.YesterdayText)).ShouldSucceed();
        var first = server.Messages().Select(m => m.MessageId).ToList();
        first.Count.ShouldBe(4);

        // Ten more in-person dossiers at X-A, received at midnight today. MTD as of today (by hand):
        //   LEVEL 3 10/34: 1000 < 40 × 34 = 1360, WARNING → CRITICAL: escalated today; shortfall ceil(17) − 10 = 7.
        //   PROVINCE 22/46 = 47.83 %: a new miss, WARNING (2200 >= 1840), shortfall ceil(23) − 22 = 1.
        //   X-A 0/22: still CRITICAL, no event; SO-TP and level 1 (5/12) unchanged.
        var today = MailProvince.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        workspace.AddDossiers(Enumerable.Range(0, 10).Select(i => new DossierRow($"XA-T{i:D2}", "X-A", "P1")
        {
            ReceivedAt = $"{today} 00:00:{i:D2}",
            Digitized = 1,
            ReusedData = 1,
            UpdatedAt = $"{today} 00:00:{i:D2}",
        }));
        var result = (await workspace.RunAsync("once", "--date", today)).ShouldSucceed();

        var fresh = server.Messages().Where(m => !first.Contains(m.MessageId)).ToList();
        var byRecipient = ByEnvelopeRecipient(fresh, result);
        byRecipient.Keys.ShouldBe([Tinh, CapXa], ignoreOrder: true, Describe(fresh, result));
        var tinh = Decoded(byRecipient[Tinh]);
        CountBefore(byRecipient[Tinh].Subject, "nghiêm trọng").ShouldBe(1);
        CountBefore(byRecipient[Tinh].Subject, "cảnh báo").ShouldBe(1);
        tinh.ShouldContain("cần thêm 7 hồ sơ");
        tinh.ShouldContain("cần thêm 1 hồ sơ");
        tinh.ShouldNotContain(MailProvince.SoTpName);
        var capXa = Decoded(byRecipient[CapXa]);
        CountBefore(byRecipient[CapXa].Subject, "nghiêm trọng").ShouldBe(1);
        CountBefore(byRecipient[CapXa].Subject, "cảnh báo").ShouldBe(0);
        capXa.ShouldContain("cần thêm 7 hồ sơ");
        capXa.ShouldNotContain(MailProvince.XaAName); // X-A's alert had no new transition

        var run = Queries(workspace).LatestRun();
        (run.EmailsSent, run.EmailsFailed, run.AlertsOpened).ShouldBe((2L, 0L, 1L), result.Describe());
        var alerts = Queries(workspace).Alerts().Where(a => a.PeriodStart == MailProvince.PeriodStartText).ToList();
        var level3 = alerts.Single(a => a.Scope == "LEVEL" && a.ScopeId == "3" && a.Indicator == "ONLINE_DOSSIER");
        (level3.Severity, level3.Numerator, level3.Denominator, level3.Shortfall, level3.OpenedOn).ShouldBe(
            ("CRITICAL", 10L, 34L, 7L, MailProvince.YesterdayText));
        alerts.ShouldAllBe(a => a.NotifiedAt != null);
    }

    private static ProvinceWorkspace CreateWorkspace(int port, JsonArray routes)
    {
        var workspace = new ProvinceWorkspace();
        MailProvince.Seed(workspace);
        MailProvince.UseSmtp(workspace, port, routes);
        return workspace;
    }

    private static AlertQueries Queries(ProvinceWorkspace workspace) => new(workspace.StorePath);

    /// <summary>One message per envelope recipient, each sent to that recipient alone.</summary>
    private static Dictionary<string, EmlMessage> ByEnvelopeRecipient(IReadOnlyList<EmlMessage> messages, CliResult run)
    {
        foreach (var message in messages)
        {
            message.EnvelopeRecipients.Count.ShouldBe(1, $"{message.FileName}: one recipient per digest{Environment.NewLine}{Describe(messages, run)}");
        }

        messages.GroupBy(m => m.EnvelopeRecipients[0], StringComparer.OrdinalIgnoreCase)
            .ShouldAllBe(g => g.Count() == 1, $"one digest per recipient{Environment.NewLine}{Describe(messages, run)}");
        return messages.ToDictionary(m => m.EnvelopeRecipients[0], StringComparer.OrdinalIgnoreCase);
    }

    private static string Decoded(EmlMessage message) => WebUtility.HtmlDecode(message.Html.ShouldNotBeNull($"{message.FileName} has an HTML part"));

    private static int AlertTables(string decodedHtml) => AlertTableHeader().Count(decodedHtml);

    private static int CountBefore(string subject, string word)
    {
        var match = Regex.Match(subject, @"(\d+)\s+" + Regex.Escape(word), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : -1;
    }

    private static string Describe(IReadOnlyList<EmlMessage> messages, CliResult run) =>
        $"received: {string.Join("; ", messages.Select(m => $"{string.Join(",", m.EnvelopeRecipients)} '{m.Subject}'"))}{Environment.NewLine}{run.Describe()}";

    /// <summary>The header cell that starts each scope's table of alerts ("Chỉ số", the indicator column).</summary>
    [GeneratedRegex("<tr[^>]*>\\s*<th[^>]*>Chỉ số</th>")]
    private static partial Regex AlertTableHeader();
}
