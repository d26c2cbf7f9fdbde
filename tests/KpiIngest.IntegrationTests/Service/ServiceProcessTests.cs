using System.Globalization;
using System.Net;
using System.Text.Json;
using Dapper;
using KpiIngest.IntegrationTests.Infrastructure;
using KpiIngest.Worker.Pipeline;
using Microsoft.Data.Sqlite;
using Shouldly;
using Xunit;
using static KpiIngest.IntegrationTests.Infrastructure.Kpi;

namespace KpiIngest.IntegrationTests.Service;

/// <summary>
/// The real `kpi-ingest run` as a child process on SQLite files, polling every 2 seconds. Every wait is for
/// something the service does (a row in the store, a log line, an HTTP answer), with a generous deadline; nothing
/// asserts how long anything took.
/// </summary>
public sealed class ServiceProcessTests
{
    private static readonly TimeSpan ExitDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Run_DossiersAddedToSource_AppearInSnapshotsAfterTheNextPoll()
    {
        using var workspace = CreateWorkspace();
        await using var service = workspace.Start("run");
        await WaitForSucceededPoll(workspace, service);

        var now = ProvinceClock.Now();
        var day = now[..10];
        workspace.AddDossiers(
            new DossierRow("N01", "SO-TP", "P1") { Channel = 2, ReceivedAt = now, UpdatedAt = now },
            new DossierRow("N02", "SO-TP", "P1") { Channel = 1, ReceivedAt = now, UpdatedAt = now });

        // A snapshot of the day they were received counts both (a poll after midnight restates that day too).
        await Eventually.Until(
            () => workspace.Store.Snapshots(day, Day)
                .Any(r => r is { Scope: Province, Indicator: OnlineDossier, Numerator: 1, Denominator: 2 }),
            $"the DAY snapshot of {day} to count N01 and N02", context: service.Describe);

        service.Terminate();
        (await service.WaitForExitAsync(ExitDeadline)).ShouldSucceed();
    }

    [Fact]
    public async Task Run_NoVerb_IsTheService()
    {
        using var workspace = CreateWorkspace();
        await using var service = workspace.Start();

        await WaitForSucceededPoll(workspace, service);

        service.Terminate();
        (await service.WaitForExitAsync(ExitDeadline)).ShouldSucceed();
    }

    [Fact]
    public async Task Run_SigtermDuringARun_ExitsZeroRecordsTheRunAndTheNextOnceSucceeds()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            Assert.Skip("SIGTERM is sent with kill(1), which this platform does not have.");
        }

        using var workspace = CreateWorkspace();
        workspace.Configure("""{ "Service": { "StopTimeout": "00:00:10" } }""");
        await using var service = workspace.Start("run");
        await WaitForSucceededPoll(workspace, service);

        // An exclusive lock on the source file stalls the next run on its first read, so the stop lands inside it.
        using (var source = new SqliteConnection($"Data Source={workspace.SourcePath};Pooling=False"))
        {
            source.Open();
            source.Execute("BEGIN EXCLUSIVE");
            await Eventually.Until(() => workspace.Store.Runs().Any(r => r.Status == "RUNNING"),
                "a run to start and stall on the locked source", context: service.Describe);

            service.Terminate();

            // The job gets half of StopTimeout to finish; it cannot, so it is cancelled. Only then let it read on.
            await service.WaitForLogAsync("Cancelling the job in progress");
            source.Execute("ROLLBACK");
        }

        var stopped = await service.WaitForExitAsync(ExitDeadline);

        stopped.ShouldSucceed();
        var runs = workspace.Store.Runs();
        runs.ShouldNotContain(r => r.Status == "RUNNING", stopped.Describe());
        var last = runs[^1];
        last.Status.ShouldBe("FAILED", stopped.Describe());
        last.Error.ShouldNotBeNull().ShouldContain("stopped before it finished");
        workspace.Store.CountOrZero("kpi_lease").ShouldBe(0, "the run lease is released on stop");
        (await workspace.RunAsync("once")).ShouldSucceed();
        workspace.Store.LatestRun().Status.ShouldBe("SUCCEEDED");
    }

    [Theory]
    [InlineData("Schedule:Poll", """{ "Schedule": { "Poll": "every two seconds" } }""")]
    [InlineData("Schedule:DayClose", """{ "Schedule": { "DayClose": "0 30 25 * * ?" } }""")]
    [InlineData("Service:StopTimeout", """{ "Service": { "StopTimeout": "-00:00:05" } }""")]
    [InlineData("Service:Health:Urls", """{ "Service": { "Health": { "Enabled": true, "Urls": "ftp://127.0.0.1:5080" } } }""")]
    [InlineData("Service:Lease:Expiry", """{ "Service": { "Lease": { "Expiry": "00:00:01" } } }""")]
    public async Task Run_BadConfiguration_ExitsTwoNamingTheKeyBeforeAnyWork(string key, string overrides)
    {
        using var workspace = CreateWorkspace();
        workspace.Configure(overrides);

        var result = await workspace.RunAsync("run");

        result.ShouldExitWith(2);
        result.StdErr.ShouldContain(key, Case.Insensitive, result.Describe());
        workspace.Store.RunsIfAny().ShouldBeEmpty("bad configuration is reported before any work");
    }

    [Fact]
    public async Task Run_ContentRootThatDoesNotExist_ExitsTwoNamingTheOption()
    {
        using var workspace = CreateWorkspace();

        var result = await workspace.RunAsync("run", "--content-root", Path.Combine(workspace.Root, "no-such-folder"));

        result.ShouldExitWith(2);
        result.StdErr.ShouldContain("--content-root", Case.Sensitive, result.Describe());
    }

    [Fact]
    public async Task Once_ContentRootOption_ResolvesRelativeStoreAndSerilogPathsAgainstIt()
    {
        using var workspace = CreateWorkspace();
        var contentRoot = Directory.CreateDirectory(Path.Combine(workspace.Root, "content-root")).FullName;
        workspace.Configure("""
            {
              "Store": { "ConnectionString": "Data Source=data/relative.db" },
              "Serilog": { "WriteTo": [ { "Name": "File", "Args": { "path": "logs/from-config-.log" } } ] }
            }
            """);

        // The CLI runs in workspace.Root; every relative path must land under the content root instead.
        (await workspace.RunAsync("once", "--content-root", contentRoot)).ShouldSucceed();

        File.Exists(Path.Combine(contentRoot, "data", "relative.db")).ShouldBeTrue();
        Directory.GetFiles(Path.Combine(contentRoot, "logs"), "from-config-*.log").ShouldNotBeEmpty();
        Directory.Exists(Path.Combine(workspace.Root, "data")).ShouldBeFalse();
        Directory.Exists(Path.Combine(workspace.Root, "logs")).ShouldBeFalse();
    }

    [Fact]
    public async Task Run_HealthEnabled_AnswersAndReadyTurns503WhenTheSourceDisappears()
    {
        using var workspace = CreateWorkspace();
        var port = FreeLoopbackPort();
        workspace.Configure($$"""{ "Service": { "Health": { "Enabled": true, "Urls": "http://127.0.0.1:{{port}}" } } }""");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        await using var service = workspace.Start("run");

        var live = await Eventually.UntilValue(() => Get(http, "/health/live"), "/health/live to answer", context: service.Describe);
        live.Status.ShouldBe(HttpStatusCode.OK);
        await WaitForSucceededPoll(workspace, service);
        var ready = await Eventually.UntilValue(() => Get(http, "/health/ready") is { Status: HttpStatusCode.OK } ok ? ok : null,
            "/health/ready to answer 200", context: service.Describe);
        using (var json = JsonDocument.Parse(ready.Body))
        {
            json.RootElement.GetProperty("status").GetString().ShouldBe("ready");
            json.RootElement.GetProperty("lastRun").GetProperty("status").GetString().ShouldBe("SUCCEEDED");
            json.RootElement.GetProperty("source").GetProperty("ok").GetBoolean().ShouldBeTrue();
            json.RootElement.GetProperty("store").GetProperty("ok").GetBoolean().ShouldBeTrue();
        }

        var metrics = Get(http, "/metrics").ShouldNotBeNull();
        metrics.Status.ShouldBe(HttpStatusCode.OK);
        metrics.ContentType.ShouldStartWith("text/plain");
        metrics.Body.ShouldContain("# TYPE kpi_ingest_runs gauge");
        metrics.Body.ShouldContain("kpi_ingest_runs{kind=\"poll\",status=\"SUCCEEDED\"}");
        metrics.Body.ShouldContain("kpi_ingest_last_run_duration_seconds{kind=\"poll\"");
        metrics.Body.ShouldContain("kpi_ingest_dossiers 1");
        metrics.Body.ShouldContain("kpi_ingest_quarantined{relation=\"src_dossier\"} 0");
        metrics.Body.ShouldContain("kpi_ingest_alerts_open{severity=\"CRITICAL\"} 0");

        File.Move(workspace.SourcePath, workspace.SourcePath + ".moved");

        var notReady = await Eventually.UntilValue(
            () => Get(http, "/health/ready") is { Status: HttpStatusCode.ServiceUnavailable } unavailable ? unavailable : null,
            "/health/ready to answer 503 once the source is gone", context: service.Describe);
        using (var json = JsonDocument.Parse(notReady.Body))
        {
            json.RootElement.GetProperty("status").GetString().ShouldBe("not ready");
            json.RootElement.GetProperty("source").GetProperty("ok").GetBoolean().ShouldBeFalse();
            json.RootElement.GetProperty("source").GetProperty("error").GetString().ShouldNotBeNullOrEmpty();
        }

        service.Terminate();
        (await service.WaitForExitAsync(ExitDeadline)).ShouldSucceed();
    }

    [Fact]
    public async Task Run_TwoRunsFailInARowThenSucceed_NotifiesOpsOnceEachWayByMail()
    {
        using var workspace = CreateWorkspace();
        workspace.Configure("""{ "Email": { "Recipients": [ { "Scope": "OPS", "To": [ "it@example.gov.vn" ] } ] } }""");
        File.Move(workspace.SourcePath, workspace.SourcePath + ".away");
        await using var service = workspace.Start("run");

        // The OPS route mails each notice (no SMTP host here: .eml files in the pickup directory) and logs it.
        await service.WaitForLogAsync("OPS Problem");
        var notified = await Eventually.UntilValue(() => OpsState(workspace), "kpi_state to keep the notified problem", context: service.Describe);
        notified.ShouldContain("failed");

        File.Move(workspace.SourcePath + ".away", workspace.SourcePath);
        await service.WaitForLogAsync("OPS Recovered");
        await Eventually.Until(() => OpsState(workspace) is null, "kpi_state to forget the notified problem", context: service.Describe);

        service.Terminate();
        var stopped = await service.WaitForExitAsync(ExitDeadline);
        stopped.ShouldSucceed();
        CountOccurrences(stopped.StdErr, "OPS Problem").ShouldBe(1, stopped.Describe());
        CountOccurrences(stopped.StdErr, "OPS Recovered").ShouldBe(1, stopped.Describe());
        var mails = Directory.GetFiles(workspace.OutboxPath, "*.eml").Select(Email.EmlMessage.Load).ToList();
        mails.Count.ShouldBe(2);
        mails.ShouldAllBe(m => m.To!.Contains("it@example.gov.vn"));
        mails.Count(m => m.Subject.Contains("gặp sự cố", StringComparison.Ordinal)).ShouldBe(1);
        mails.Count(m => m.Subject.Contains("hoạt động lại", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task Run_DayClosesMissedWhileDown_AreMadeUpInDateOrderFromKpiRun()
    {
        using var workspace = CreateWorkspace();
        (await workspace.RunAsync("migrate")).ShouldSucceed();
        var today = DateOnly.ParseExact(ProvinceClock.Now()[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture);
        InsertRun(workspace, "day-close", "SUCCEEDED", asOf: today.AddDays(-4));

        await using var service = workspace.Start("run");

        // today-3 and today-2 are overdue whatever the hour; today-1 too once 00:30 has passed.
        await Eventually.Until(
            () => workspace.Store.Runs().Any(r => r is { Kind: "poll", Status: "SUCCEEDED" }),
            "the make-up day-closes and then a poll", context: service.Describe);
        service.Terminate();
        (await service.WaitForExitAsync(ExitDeadline)).ShouldSucceed();

        var closes = DayCloses(workspace);
        closes.Count.ShouldBeGreaterThanOrEqualTo(3, service.Describe());
        closes[0].ShouldBe((today.AddDays(-4), "SUCCEEDED"));
        closes.Skip(1).ShouldAllBe(c => c.Status == "SUCCEEDED");
        closes.Select(c => c.AsOf).ShouldBe(
            Enumerable.Range(0, closes.Count).Select(i => today.AddDays(-4 + i)).ToList(), "one day-close per missed day, in date order");
        closes[^1].AsOf.ShouldBeGreaterThanOrEqualTo(today.AddDays(-2));
        closes[^1].AsOf.ShouldBeLessThan(today);
        workspace.Store.Snapshots(Format(today.AddDays(-3)), Day).ShouldAllBe(r => r.IsFinal);
    }

    [Fact]
    public async Task Once_WhileAnotherHolderHasTheRunLease_WaitsThenIsRecordedFailedNamingIt()
    {
        using var workspace = CreateWorkspace();
        workspace.Configure("""{ "Service": { "Lease": { "Wait": "00:00:02" } } }""");
        (await workspace.RunAsync("migrate")).ShouldSucceed();
        InsertLease(workspace, "other-host/pid 4242/abc", expiresIn: TimeSpan.FromHours(1));

        var result = await workspace.RunAsync("once");

        result.ShouldExitWith(1);
        var run = workspace.Store.LatestRun();
        run.Status.ShouldBe("FAILED");
        run.Error.ShouldNotBeNull().ShouldContain("other-host/pid 4242/abc");
    }

    [Fact]
    public async Task Once_LeaseOfADeadHolderHasExpired_RunsAndReleasesIt()
    {
        using var workspace = CreateWorkspace();
        (await workspace.RunAsync("migrate")).ShouldSucceed();
        InsertLease(workspace, "crashed-host/pid 4242/abc", expiresIn: TimeSpan.FromMinutes(-1));

        (await workspace.RunAsync("once")).ShouldSucceed();

        workspace.Store.LatestRun().Status.ShouldBe("SUCCEEDED");
        workspace.Store.CountOrZero("kpi_lease").ShouldBe(0);
    }

    [Fact]
    public async Task Once_LeaseHeldByALiveProcessOfThisHost_WaitsThenIsRecordedFailedNamingIt()
    {
        using var workspace = CreateWorkspace();
        workspace.Configure("""{ "Service": { "Lease": { "Wait": "00:00:02" } } }""");
        (await workspace.RunAsync("migrate")).ShouldSucceed();
        // This test process: on this host, still running, with its own start mark.
        var liveHolder = $"{RunLease.ProcessHolder}/live";
        InsertLease(workspace, liveHolder, expiresIn: TimeSpan.FromHours(1));

        var result = await workspace.RunAsync("once");

        result.ShouldExitWith(1);
        result.Output.ShouldContain("Waiting for the run lease", Case.Sensitive, result.Describe());
        workspace.Store.LatestRun().Error.ShouldNotBeNull().ShouldContain(liveHolder);
    }

    [Theory]
    [InlineData("another host", "other-host/pid 1/start 1 boot 0123456789ab/abcd1234/efgh5678")]
    [InlineData("this host name on another machine or container", "{host}/pid 999999/start 1 boot 0123456789ab/abcd1234/efgh5678")]
    [InlineData("a holder text of an older version", "{host}/pid 999999/abcd1234/efgh5678")]
    public async Task Once_LeaseOfAHolderNotProvenGone_WaitsThenIsRecordedFailedNamingIt(string whose, string holderPattern)
    {
        using var workspace = CreateWorkspace();
        workspace.Configure("""{ "Service": { "Lease": { "Wait": "00:00:02" } } }""");
        (await workspace.RunAsync("migrate")).ShouldSucceed();
        var holder = holderPattern.Replace("{host}", Environment.MachineName, StringComparison.Ordinal);
        InsertLease(workspace, holder, expiresIn: TimeSpan.FromHours(1));

        var result = await workspace.RunAsync("once");

        result.ShouldExitWith(1);
        workspace.Store.LatestRun().Error.ShouldNotBeNull().ShouldContain(holder, customMessage: whose);
    }

    [Fact]
    public async Task Once_LeaseOfAProcessWhosePidWasReused_IsTakenOverAtOnce()
    {
        using var workspace = CreateWorkspace();
        workspace.Configure("""{ "Service": { "Lease": { "Wait": "00:00:02" } } }""");
        (await workspace.RunAsync("migrate")).ShouldSucceed();
        // This test process's pid on this host, but started at another instant: the holder was an earlier process.
        var thisProcess = RunLease.ProcessHolder.Split('/');
        var start = thisProcess[2].Split(' ');
        start[1] = start[1] == "1" ? "2" : "1";
        var holder = $"{thisProcess[0]}/{thisProcess[1]}/{string.Join(' ', start)}/abcd1234/efgh5678";
        InsertLease(workspace, holder, expiresIn: TimeSpan.FromHours(1));

        var result = await workspace.RunAsync("once");

        result.ShouldSucceed();
        result.Output.ShouldNotContain("Waiting for the run lease", Case.Sensitive, result.Describe());
        result.Output.ShouldContain("is no longer running", Case.Sensitive, result.Describe());
        workspace.Store.CountOrZero("kpi_lease").ShouldBe(0);
    }

    /// <summary>One unit, one procedure, one dossier; polls every 2 seconds; stops within 20 seconds.</summary>
    private static ProvinceWorkspace CreateWorkspace() => SmallProvinces.ForService();

    private static Task WaitForSucceededPoll(ProvinceWorkspace workspace, KpiProcess service) =>
        Eventually.Until(() => workspace.Store.Runs().Any(r => r is { Kind: "poll", Status: "SUCCEEDED" }),
            "a poll to succeed", context: service.Describe);

    private static List<(DateOnly AsOf, string Status)> DayCloses(ProvinceWorkspace workspace)
    {
        using var connection = new SqliteConnection($"Data Source={workspace.StorePath};Mode=ReadOnly;Pooling=False");
        return [.. connection.Query<(string AsOf, string Status)>(
                "SELECT as_of, status FROM kpi_run WHERE kind = 'day-close' ORDER BY run_id")
            .Select(r => (DateOnly.ParseExact(r.AsOf, "yyyy-MM-dd", CultureInfo.InvariantCulture), r.Status))];
    }

    private static void InsertRun(ProvinceWorkspace workspace, string kind, string status, DateOnly asOf)
    {
        using var connection = new SqliteConnection($"Data Source={workspace.StorePath};Pooling=False");
        var at = DateTimeOffset.UtcNow.AddDays(-3).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        connection.Execute(
            "INSERT INTO kpi_run (kind, started_at, finished_at, status, as_of) VALUES (@kind, @at, @at, @status, @asOf)",
            new { kind, at, status, asOf = Format(asOf) });
    }

    private static void InsertLease(ProvinceWorkspace workspace, string holder, TimeSpan expiresIn)
    {
        using var connection = new SqliteConnection($"Data Source={workspace.StorePath};Pooling=False");
        var now = DateTimeOffset.UtcNow;
        connection.Execute(
            "INSERT INTO kpi_lease (name, holder, purpose, acquired_at, renewed_at, expires_at) VALUES ('runs', @holder, 'poll', @at, @at, @expires)",
            new { holder, at = Utc(now.AddMinutes(-10)), expires = Utc(now + expiresIn) });
    }

    private static string? OpsState(ProvinceWorkspace workspace)
    {
        using var connection = new SqliteConnection($"Data Source={workspace.StorePath};Mode=ReadOnly;Pooling=False");
        return connection.ExecuteScalar<string?>("SELECT value FROM kpi_state WHERE name = 'ops:problem'");
    }

    private static int CountOccurrences(string text, string part) =>
        (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static int FreeLoopbackPort() => SmallProvinces.FreeLoopbackPort();

    private static Response? Get(HttpClient http, string path)
    {
        using var response = http.GetAsync(path, TestContext.Current.CancellationToken).GetAwaiter().GetResult();
        var body = response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken).GetAwaiter().GetResult();
        return new Response(response.StatusCode, response.Content.Headers.ContentType?.ToString() ?? "", body);
    }

    private sealed record Response(HttpStatusCode Status, string ContentType, string Body);
}
