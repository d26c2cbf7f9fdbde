using System.Text.Json.Nodes;
using KpiIngest.IntegrationTests.Alerts;
using KpiIngest.IntegrationTests.Email;
using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Faults;

/// <summary>
/// Issue 6, "Security": identifier settings are checked against a strict pattern before any work; a password never
/// reaches stdout, stderr, the log files, kpi_run or kpi_outbox, whichever connection fails; check-source warns when
/// the account can write to the source. Secrets come from environment variables, as operations.md asks.
/// </summary>
public sealed class SecurityTests
{
    private const string Secret = "S3cr3t!";

    [Theory]
    [InlineData("Source:Schema", "dbo; DROP TABLE kpi_snapshot; --")]
    [InlineData("Source:Schema", "dbo].[src_dossier")]
    [InlineData("Source:Schema", "\"public\"")]
    [InlineData("Source:Schema", "public.src_unit")]
    [InlineData("Store:Schema", "kpi' OR '1'='1")]
    [InlineData("Store:Schema", "kpi/**/;DELETE FROM kpi_run")]
    [InlineData("Store:Schema", "")]
    [InlineData("Store:Schema", "k\u0000pi")]
    [InlineData("Store:Schema", "a_schema_name_of_sixty_five_characters_is_one_more_than_allowed_x")]
    public async Task Once_SchemaSettingWithInjection_ExitsTwoNamingTheKeyBeforeAnyWork(string key, string value)
    {
        using var workspace = MailProvinceWorkspace();
        var section = key.Split(':');
        workspace.Configure(new JsonObject { [section[0]] = new JsonObject { [section[1]] = value } });

        var result = await workspace.RunAsync("once");

        result.ShouldExitWith(2);
        result.StdErr.ShouldContain(key, Case.Sensitive, result.Describe());
        workspace.Store.RunsIfAny().ShouldBeEmpty("bad configuration is reported before any work");
    }

    [Fact]
    public async Task Once_SchemaNamesThatFitThePattern_AreAccepted()
    {
        using var workspace = MailProvinceWorkspace();
        workspace.Configure("""{ "Source": { "Schema": "dbo" }, "Store": { "Schema": "_kpi_2025" } }""");

        (await workspace.RunAsync("once")).ShouldSucceed();
    }

    /// <summary>
    /// The source's connection string carries a password, from an environment variable: the source is missing, or
    /// present but the SQLite library refuses passwords; `once`, `check-source` and the service all fail or log, and
    /// the password shows nowhere: not on stdout or stderr, not in the log files, not in kpi_run.error.
    /// </summary>
    [Theory]
    [InlineData("missing.db")]
    [InlineData("source.db")]
    public async Task FailingSourceWithPassword_PasswordInNoOutputLogOrRunRecord(string file)
    {
        using var workspace = MailProvinceWorkspace();
        var environment = new Dictionary<string, string>
        {
            ["Source__ConnectionString"] = $"Data Source={Path.Combine(workspace.Root, file)};Password={Secret}",
        };

        var once = (await workspace.RunAsync(environment, "once")).ShouldExitWith(1);
        var check = (await workspace.RunAsync(environment, "check-source")).ShouldExitWith(1);
        workspace.Configure("""{ "Schedule": { "Poll": "0/2 * * * * ?" }, "Service": { "StopTimeout": "00:00:20" } }""");
        CliResult service;
        await using (var run = workspace.Start(environment, "run"))
        {
            await Eventually.Until(() => workspace.Store.RunsIfAny().Any(r => r is { Kind: "poll", Status: "FAILED" }),
                "a poll to fail", context: run.Describe);
            run.Terminate();
            service = await run.WaitForExitAsync(TimeSpan.FromMinutes(1));
        }

        var failed = workspace.Store.Runs().Where(r => r.Status == "FAILED").ToList();
        failed.ShouldNotBeEmpty();
        failed.ShouldAllBe(r => r.Error != null && r.Error.Contains("source", StringComparison.OrdinalIgnoreCase), "the reason names the source");
        foreach (var result in new[] { once, check, service })
        {
            result.Output.ShouldNotContain(Secret, Case.Sensitive, result.Describe());
        }

        service.StdErr.ShouldContain("KpiIngest service starting", Case.Sensitive, "the banner names the source, without its password");
        failed.ShouldAllBe(r => !r.Error!.Contains(Secret, StringComparison.Ordinal));
        LogsShouldNotContainTheSecret(workspace);
    }

    /// <summary>The store's connection string carries the password: the run cannot even start, and says why without it.</summary>
    [Fact]
    public async Task Once_StoreWithPassword_FailsWithoutShowingIt()
    {
        using var workspace = MailProvinceWorkspace();
        var environment = new Dictionary<string, string>
        {
            ["Store__ConnectionString"] = $"Data Source={workspace.StorePath};Password={Secret}",
        };

        var once = (await workspace.RunAsync(environment, "once")).ShouldExitWith(1);

        once.StdErr.ShouldContain("kpi-ingest failed", Case.Sensitive, once.Describe());
        once.Output.ShouldNotContain(Secret, Case.Sensitive, once.Describe());
        LogsShouldNotContainTheSecret(workspace);
    }

    /// <summary>The SMTP password, from Email__Smtp__Password, with a server that is not there: delivery fails, recorded, without it.</summary>
    [Fact]
    public async Task Once_SmtpWithPasswordUnreachable_FailureRecordedWithoutThePassword()
    {
        using var workspace = MailProvinceWorkspace();
        MailProvince.UseSmtp(workspace, port: 9, new JsonArray(MailProvince.Route("PROVINCE", null, "tinh@example.test")));
        workspace.Configure("""{ "Email": { "Smtp": { "UserName": "kpi" } } }""");
        var environment = new Dictionary<string, string> { ["Email__Smtp__Password"] = Secret };

        var once = (await workspace.RunAsync(environment, "once", "--date", MailProvince.YesterdayText)).ShouldSucceed();

        var outbox = new AlertQueries(workspace.StorePath).Outbox().ShouldHaveSingleItem();
        outbox.Status.ShouldBe("PENDING");
        outbox.LastError.ShouldNotBeNullOrWhiteSpace();
        outbox.LastError.ShouldNotContain(Secret);
        once.Output.ShouldNotContain(Secret, Case.Sensitive, once.Describe());
        LogsShouldNotContainTheSecret(workspace);
    }

    [Fact]
    public async Task CheckSource_SourceFileWritableByThisAccount_WarnsThatReadOnlyAccessIsEnough()
    {
        using var workspace = MailProvinceWorkspace();

        var result = (await workspace.RunAsync("check-source")).ShouldSucceed();

        result.StdOut.ShouldContain("WARNING", Case.Sensitive, result.Describe());
        result.StdOut.ShouldContain("read-only access to the source", Case.Sensitive, result.Describe());
        result.StdOut.ShouldContain("The source is usable.");
    }

    [Fact]
    public async Task CheckSource_SourceFileReadOnlyForThisAccount_NoWarning()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Sets Unix file permissions.");
        }

        if (Environment.UserName == "root")
        {
            Assert.Skip("Runs as root, to whom every file is writable: a read-only source needs an unprivileged account.");
        }

        using var workspace = MailProvinceWorkspace();
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(workspace.SourcePath, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        var result = (await workspace.RunAsync("check-source")).ShouldSucceed();

        result.StdOut.ShouldNotContain("WARNING", Case.Sensitive, result.Describe());
    }

    private static ProvinceWorkspace MailProvinceWorkspace()
    {
        var workspace = new ProvinceWorkspace();
        MailProvince.Seed(workspace);
        return workspace;
    }

    private static void LogsShouldNotContainTheSecret(ProvinceWorkspace workspace)
    {
        var logs = Path.Combine(workspace.Root, "logs");
        var files = Directory.Exists(logs) ? Directory.GetFiles(logs) : [];
        foreach (var file in files)
        {
            File.ReadAllText(file).ShouldNotContain(Secret, Case.Sensitive, file);
        }
    }
}
