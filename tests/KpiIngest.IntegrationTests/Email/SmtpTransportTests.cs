using System.Text.Json.Nodes;
using KpiIngest.IntegrationTests.Alerts;
using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Email;

/// <summary>
/// Email:Smtp against a real server (aiosmtpd, <see cref="SmtpTestServer"/>), through the real CLI on
/// <see cref="MailProvince"/> with one PROVINCE recipient, so one digest: STARTTLS and implicit TLS with a self-signed
/// certificate, accepted only when Email:Smtp:ServerCertificateThumbprint pins it; AUTH after TLS; and for every
/// refusal (certificate, password, a server that never answers) the digest stays queued and kpi_outbox.last_error
/// and the log say why in one line, with the server's own reply where there is one.
/// </summary>
public sealed class SmtpTransportTests
{
    private const string Tinh = "tinh@example.test";
    private const string UserName = "kpi-sender";
    private const string Password = "đúng-mật-khẩu-42";

    [Theory]
    [InlineData(SmtpTestTls.StartTls)]
    [InlineData(SmtpTestTls.Implicit)]
    public async Task Once_TlsWithPinnedSelfSignedCertificate_DigestDelivered(SmtpTestTls tls)
    {
        // A STARTTLS server refuses MAIL before STARTTLS (530), an SMTPS one speaks nothing but TLS: a delivered
        // digest went over TLS.
        await using var server = await SmtpTestServer.CreateAsync(tls: tls);
        var settings = TlsSettings(tls);
        settings["ServerCertificateThumbprint"] = server.CertificateThumbprint;
        using var workspace = CreateWorkspace(server, settings);

        var result = (await workspace.RunAsync("once", "--date", MailProvince.YesterdayText)).ShouldSucceed();

        ShouldBeDelivered(server, workspace, result);
    }

    [Theory]
    [InlineData(SmtpTestTls.StartTls)]
    [InlineData(SmtpTestTls.Implicit)]
    public async Task Once_TlsSelfSignedCertificateNotPinned_RefusedSayingTheCertificateIsNotTrusted(SmtpTestTls tls)
    {
        await using var server = await SmtpTestServer.CreateAsync(tls: tls);
        using var workspace = CreateWorkspace(server, TlsSettings(tls));

        var result = (await workspace.RunAsync("once", "--date", MailProvince.YesterdayText)).ShouldSucceed();

        var error = ShouldBeRefused(server, workspace, result);
        error.ShouldContain("TLS", Case.Sensitive, result.Describe());
        error.ShouldContain("certificate", Case.Sensitive, result.Describe());
        error.ShouldContain("not trusted", Case.Sensitive, result.Describe());
        error.ShouldContain(server.CertificateThumbprint!, Case.Insensitive, "the thumbprint an operator would pin");
    }

    [Fact]
    public async Task Once_StartTlsAnotherCertificatePinned_RefusedSayingItIsNotThePinnedOne()
    {
        await using var server = await SmtpTestServer.CreateAsync(tls: SmtpTestTls.StartTls);
        using var workspace = CreateWorkspace(server, new JsonObject
        {
            ["UseStartTls"] = true,
            ["ServerCertificateThumbprint"] = new string('A', 64),
        });

        var result = (await workspace.RunAsync("once", "--date", MailProvince.YesterdayText)).ShouldSucceed();

        var error = ShouldBeRefused(server, workspace, result);
        error.ShouldContain("certificate", Case.Sensitive, result.Describe());
        error.ShouldContain("Email:Smtp:ServerCertificateThumbprint", Case.Sensitive, result.Describe());
    }

    [Fact]
    public async Task Once_StartTlsRequiredButServerOffersNone_RefusedSayingSo()
    {
        await using var server = await SmtpTestServer.CreateAsync();
        using var workspace = CreateWorkspace(server, new JsonObject { ["UseStartTls"] = true });

        var result = (await workspace.RunAsync("once", "--date", MailProvince.YesterdayText)).ShouldSucceed();

        ShouldBeRefused(server, workspace, result).ShouldContain("STARTTLS", Case.Sensitive, result.Describe());
    }

    [Fact]
    public async Task Once_RightPasswordAfterStartTls_DigestDelivered()
    {
        // AUTH is offered only after STARTTLS (auth_require_tls), and MAIL refused without it (530).
        await using var server = await SmtpTestServer.CreateAsync(tls: SmtpTestTls.StartTls, login: (UserName, Password));
        using var workspace = CreateWorkspace(server, LoginSettings(server));

        var result = (await RunWithPasswordAsync(workspace, Password)).ShouldSucceed();

        ShouldBeDelivered(server, workspace, result);
    }

    [Fact]
    public async Task Once_WrongPassword_RefusedWithTheServers535Reply()
    {
        const string wrong = "sai-mật-khẩu";
        await using var server = await SmtpTestServer.CreateAsync(tls: SmtpTestTls.StartTls, login: (UserName, Password));
        using var workspace = CreateWorkspace(server, LoginSettings(server));

        var result = (await RunWithPasswordAsync(workspace, wrong)).ShouldSucceed();

        var error = ShouldBeRefused(server, workspace, result);
        error.ShouldContain("535 5.7.8", Case.Sensitive, result.Describe());
        error.ShouldContain(UserName, Case.Sensitive, "which login was refused");
        error.ShouldNotContain(wrong, Case.Sensitive, "a password never reaches kpi_outbox");
        result.Output.ShouldContain("535 5.7.8", Case.Sensitive, "the log says it too");
        result.Output.ShouldNotContain(wrong, Case.Sensitive, "a password never reaches the log");
    }

    [Fact]
    public async Task Once_ServerRequiresLoginButNoUserName_RefusedSayingALoginIsNeeded()
    {
        await using var server = await SmtpTestServer.CreateAsync(tls: SmtpTestTls.StartTls, login: (UserName, Password));
        var settings = LoginSettings(server);
        settings["UserName"] = null;
        using var workspace = CreateWorkspace(server, settings);

        var result = (await workspace.RunAsync("once", "--date", MailProvince.YesterdayText)).ShouldSucceed();

        var error = ShouldBeRefused(server, workspace, result);
        error.ShouldContain("requires a login", Case.Sensitive, result.Describe());

        // The server's text; MailKit keeps no status code with this refusal.
        error.ShouldContain("5.7.0 Authentication required", Case.Sensitive, result.Describe());
    }

    [Fact]
    public async Task Once_ServerThatNeverAnswers_FailsSayingItTimedOut()
    {
        using var silent = BrokenSmtpServer.Silent();
        using var workspace = CreateWorkspace(silent.Port, new JsonObject { ["Timeout"] = "00:00:02" });

        var result = (await workspace.RunAsync("once", "--date", MailProvince.YesterdayText)).ShouldSucceed();

        var error = ShouldBeQueuedAfterOneFailure(workspace, result);
        error.ShouldContain("timed out after 2 seconds", Case.Sensitive, result.Describe());
        error.ShouldContain("Email:Smtp:Timeout", Case.Sensitive, result.Describe());
        silent.Accepted.ShouldBeGreaterThan(0, "the connection was made; the server just never greeted");
    }

    [Fact]
    public async Task Once_ServerHangsUpAfterItsGreeting_FailsSayingTheConversationBrokeOff()
    {
        using var rude = BrokenSmtpServer.HangingUpAfterGreeting();
        using var workspace = CreateWorkspace(rude.Port);

        var result = (await workspace.RunAsync("once", "--date", MailProvince.YesterdayText)).ShouldSucceed();

        ShouldBeQueuedAfterOneFailure(workspace, result).ShouldContain("broke off", Case.Sensitive, result.Describe());
    }

    private static ProvinceWorkspace CreateWorkspace(SmtpTestServer server, JsonObject smtp) => CreateWorkspace(server.Port, smtp);

    /// <summary>MailProvince mailing its one PROVINCE digest to the server on <paramref name="port"/>.</summary>
    private static ProvinceWorkspace CreateWorkspace(int port, JsonObject? smtp = null)
    {
        var workspace = new ProvinceWorkspace();
        MailProvince.Seed(workspace);
        MailProvince.UseSmtp(workspace, port, [MailProvince.Route("PROVINCE", null, Tinh)], smtp);
        return workspace;
    }

    /// <summary>Email:Smtp for that kind of server; ImplicitTls alone, as UseStartTls's default (true) is no obstacle.</summary>
    private static JsonObject TlsSettings(SmtpTestTls tls) => tls == SmtpTestTls.Implicit
        ? new JsonObject { ["ImplicitTls"] = true, ["UseStartTls"] = null }
        : new JsonObject { ["UseStartTls"] = true };

    private static JsonObject LoginSettings(SmtpTestServer server) => new()
    {
        ["UseStartTls"] = true,
        ["ServerCertificateThumbprint"] = server.CertificateThumbprint,
        ["UserName"] = UserName,
    };

    /// <summary>The password as operators give it: an environment variable, never in the file.</summary>
    private static Task<CliResult> RunWithPasswordAsync(ProvinceWorkspace workspace, string password) =>
        workspace.RunAsync(new Dictionary<string, string> { ["Email__Smtp__Password"] = password }, "once", "--date", MailProvince.YesterdayText);

    private static void ShouldBeDelivered(SmtpTestServer server, ProvinceWorkspace workspace, CliResult result)
    {
        var message = server.Messages().ShouldHaveSingleItem($"{result.Describe()}{Environment.NewLine}{server.Output}");
        message.EnvelopeRecipients.ShouldBe([Tinh]);
        message.Subject.ShouldContain(ProvinceWorkspace.ProvinceName);
        var queries = new AlertQueries(workspace.StorePath);
        var digest = queries.Outbox().ShouldHaveSingleItem();
        (digest.Status, digest.LastError).ShouldBe(("SENT", null), result.Describe());
        message.MessageId.ShouldBe(digest.MessageId);
        (queries.LatestRun().EmailsSent, queries.LatestRun().EmailsFailed).ShouldBe((1L, 0L), result.Describe());
    }

    /// <summary>Nothing reached the server's mailbox, and the digest waits for a retry; returns the recorded reason.</summary>
    private static string ShouldBeRefused(SmtpTestServer server, ProvinceWorkspace workspace, CliResult result)
    {
        server.Messages().ShouldBeEmpty(result.Describe());
        return ShouldBeQueuedAfterOneFailure(workspace, result);
    }

    /// <summary>
    /// The run still succeeds (delivery failures never fail it, operations.md), the digest is PENDING after one
    /// attempt, and the one-line reason is in kpi_outbox.last_error and the log's warning; returns that reason.
    /// </summary>
    private static string ShouldBeQueuedAfterOneFailure(ProvinceWorkspace workspace, CliResult result)
    {
        var queries = new AlertQueries(workspace.StorePath);
        var run = queries.LatestRun();
        (run.Status, run.EmailsSent, run.EmailsFailed).ShouldBe(("SUCCEEDED", 0L, 1L), result.Describe());
        var digest = queries.Outbox().ShouldHaveSingleItem();
        (digest.Status, digest.Attempts).ShouldBe(("PENDING", 1L), result.Describe());
        var error = digest.LastError.ShouldNotBeNull(result.Describe());
        error.ShouldNotContain("\n", Case.Sensitive, "one line");
        result.StdErr.ShouldContain("not delivered", Case.Sensitive, result.Describe());
        return error;
    }
}
