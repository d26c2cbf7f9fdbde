using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KpiIngest.IntegrationTests.Email;
using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Display;

/// <summary>
/// Issue 14, "Everything shown reads naturally", through the real CLI: figures and dates a person reads are in
/// Vietnamese form (60.000, 44,79, 05/12/2026) while CSV and JSON stay invariant; log lines say their zone; tables
/// fit an 80-column terminal without folding a cell and show more on a wide one; long work shows progress on a
/// terminal and one summary line per phase when redirected; a digest says how far its data goes.
/// </summary>
public sealed partial class DisplayTests
{
    private const string LongUnitName = "Ủy ban nhân dân xã Phước Long Thọ, huyện Đất Đỏ";

    [Fact]
    public async Task Report_Table_FiguresAndDatesInVietnameseForm()
    {
        using var workspace = CreateProvince();
        (await workspace.RunAsync("backfill", "--from", "2024-04-29", "--to", "2024-04-30")).ShouldSucceed();

        var result = (await workspace.RunAsync("report", "--period", "MTD")).ShouldSucceed();

        // SO-TP received 1 200 dossiers, 400 online: 33,33 %; the title's dates as dd/MM/yyyy.
        result.StdOut.ShouldContain("33,33", Case.Sensitive, result.Describe());
        result.StdOut.ShouldNotContain("33.33", Case.Sensitive, result.Describe());
        result.StdOut.ShouldContain("01/04/2024 → 30/04/2024", Case.Sensitive, result.Describe());
        result.StdOut.ShouldNotContain("2024-04-30", Case.Sensitive, result.Describe());
    }

    [Fact]
    public async Task Report_TerminalOf80Columns_NoCellFoldsAndNoLineIsWiderAndWideTerminalShowsMore()
    {
        using var workspace = CreateProvince();
        (await workspace.RunAsync("backfill", "--from", "2024-04-29", "--to", "2024-04-30")).ShouldSucceed();

        var narrow = (await KpiCli.RunInTerminalAsync(workspace.Root, 80, ["report", "--config", workspace.ConfigPath], Cancellation)).ShouldSucceed();
        var wide = (await KpiCli.RunInTerminalAsync(workspace.Root, 160, ["report", "--config", workspace.ConfigPath], Cancellation)).ShouldSucceed();

        ShouldFit(narrow, 80);
        var narrowTables = TerminalTable.Read(narrow.StdOut);
        narrowTables.ShouldNotBeEmpty(narrow.Describe());
        narrowTables.SelectMany(t => t.Header.Skip(1)).ShouldBe(Indicators, narrow.Describe()); // all nine, none lost
        narrowTables.ShouldAllBe(t => t.Rows.Count == 5, narrow.Describe()); // province, two levels, two units: one line each

        ShouldFit(wide, 160);
        var wideTable = TerminalTable.Read(wide.StdOut).ShouldHaveSingleItem(wide.Describe());
        wideTable.Header.Count.ShouldBeGreaterThan(narrowTables.Max(t => t.Header.Count), wide.Describe());
        wideTable.Header.Skip(1).ShouldBe(Indicators, wide.Describe());
        wideTable.Rows.ShouldContain(r => r[0] == $"{LongUnitName} (X-PLT)", wide.Describe()); // whole on a wide terminal
    }

    [Fact]
    public async Task ReportAlerts_TerminalOf80Columns_SeverityInVietnameseNoCellFoldsAndWideTerminalShowsMore()
    {
        using var workspace = new ProvinceWorkspace();
        MailProvince.Seed(workspace);
        (await workspace.RunAsync("once", "--date", MailProvince.YesterdayText)).ShouldSucceed();

        var narrow = (await KpiCli.RunInTerminalAsync(workspace.Root, 80, ["report", "--alerts", "--config", workspace.ConfigPath], Cancellation)).ShouldSucceed();
        var wide = (await KpiCli.RunInTerminalAsync(workspace.Root, 160, ["report", "--alerts", "--config", workspace.ConfigPath], Cancellation)).ShouldSucceed();

        ShouldFit(narrow, 80);
        var table = TerminalTable.Read(narrow.StdOut).ShouldHaveSingleItem(narrow.Describe());
        table.Rows.Count.ShouldBe(4, narrow.Describe()); // MailProvince's four open alerts, one line each
        narrow.StdOut.ShouldContain("Nghiêm trọng", Case.Sensitive, narrow.Describe());
        narrow.StdOut.ShouldContain("Cảnh báo", Case.Sensitive, narrow.Describe());
        narrow.StdOut.ShouldNotContain("CRITICAL", Case.Sensitive, narrow.Describe());
        narrow.StdOut.ShouldNotContain("WARNING", Case.Sensitive, narrow.Describe());

        ShouldFit(wide, 160);
        var wideTable = TerminalTable.Read(wide.StdOut).ShouldHaveSingleItem(wide.Describe());
        wideTable.Header.Count.ShouldBeGreaterThan(table.Header.Count, wide.Describe());
        var opened = DateOnly.Parse(MailProvince.YesterdayText, CultureInfo.InvariantCulture).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        wideTable.Rows.ShouldAllBe(r => r.Contains(opened), wide.Describe()); // Từ ngày, as dd/MM/yyyy
    }

    [Fact]
    public async Task CheckSource_TerminalOf80Columns_CountsInVietnameseFormAndNoLineIsWider()
    {
        using var workspace = CreateProvince();
        workspace.AddDossiers(new DossierRow("BAD1", "SO-TP", "P1") { Channel = 7 });

        var result = (await KpiCli.RunInTerminalAsync(workspace.Root, 80, ["check-source", "--config", workspace.ConfigPath], Cancellation)).ShouldSucceed();

        result.StdOut.ShouldContain("src_dossier: 1.208 rows, 1 would be quarantined", Case.Sensitive, result.Describe());

        // The warning that the account may write the source file is a sentence, and a terminal folds sentences.
        ShouldFit(result, 80, except: line => line.StartsWith("WARNING:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Once_LogLines_SayTheProvinceZoneOnTheConsoleAndInTheFile()
    {
        using var workspace = CreateProvince();

        var result = (await workspace.RunAsync("once", "--date", "2024-04-30")).ShouldSucceed();

        // The machine's zone here is not the province's: the offset shown must be Asia/Ho_Chi_Minh's.
        var logLines = result.StdErr.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith('[')).ToList();
        logLines.ShouldNotBeEmpty(result.Describe());
        logLines.ShouldAllBe(l => ConsoleLogLine().IsMatch(l), result.Describe());
        var file = Directory.GetFiles(Path.Combine(workspace.Root, "logs"), "kpi-ingest-*.log").ShouldHaveSingleItem();
        var fileLines = File.ReadAllLines(file).Where(l => l.Length > 0 && char.IsDigit(l[0])).ToList();
        fileLines.ShouldNotBeEmpty(file);
        fileLines.ShouldAllBe(l => FileLogLine().IsMatch(l), string.Join(Environment.NewLine, fileLines));
    }

    [Fact]
    public async Task Backfill_Redirected_OneSummaryLinePerPhaseOnStderr()
    {
        using var workspace = CreateProvince();

        var result = (await workspace.RunAsync("backfill", "--from", "2024-04-29", "--to", "2024-04-30")).ShouldSucceed();

        var lines = result.StdErr.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        lines.Where(l => l.StartsWith("Ingest:", StringComparison.Ordinal)).ShouldHaveSingleItem(result.Describe())
            .ShouldMatch(@"^Ingest: 1\.207 hồ sơ đọc, 0 cách ly, \d+,\d s$");
        lines.Where(l => l.StartsWith("Snapshot:", StringComparison.Ordinal)).ShouldHaveSingleItem(result.Describe())
            .ShouldMatch(@"^Snapshot: 2 ngày, [\d.]+ dòng, \d+,\d s$");
        result.StdOut.ShouldNotContain("Ingest:", Case.Sensitive, "progress goes to stderr: stdout is for programs");
        result.StdErr.ShouldNotContain("━", Case.Sensitive, "no live display when nobody watches a terminal");
    }

    [Fact]
    public async Task Backfill_Terminal_ShowsLiveProgressOfEachPhase()
    {
        using var workspace = CreateProvince();

        var result = (await KpiCli.RunInTerminalAsync(
            workspace.Root, 100, ["backfill", "--from", "2024-04-29", "--to", "2024-04-30", "--config", workspace.ConfigPath], Cancellation)).ShouldSucceed();

        result.StdOut.ShouldContain("━", Case.Sensitive, result.Describe()); // Spectre's progress bar
        result.StdOut.ShouldContain("Ingest: 1.207 hồ sơ", Case.Sensitive, result.Describe());
        result.StdOut.ShouldContain("Snapshot: 2 ngày", Case.Sensitive, result.Describe());
    }

    [Fact]
    public async Task OnceToday_Digest_SaysTheTimeOfDayItsDataReaches()
    {
        using var workspace = new ProvinceWorkspace();
        var today = DateOnly.ParseExact(ProvinceClock.Now()[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture);
        SeedMissedToday(workspace, today);
        ConfigureProvinceRoute(workspace);

        var result = (await workspace.RunAsync("once")).ShouldSucceed();

        var message = Directory.GetFiles(workspace.OutboxPath, "*.eml").Select(EmlMessage.Load).ShouldHaveSingleItem(result.Describe());
        var text = message.PlainText.ShouldNotBeNull();
        text.ShouldMatch($@"Số liệu đến \d\d:\d\d ngày {Regex.Escape(Vi(today))}");
        text.ShouldNotContain("hết ngày");
        System.Net.WebUtility.HtmlDecode(message.Html.ShouldNotBeNull()).ShouldNotContain("hết ngày");
    }

    [Fact]
    public async Task OnceYesterday_Digest_SaysItsDataCoversTheWholeDay()
    {
        using var workspace = new ProvinceWorkspace();
        MailProvince.Seed(workspace);
        ConfigureProvinceRoute(workspace);

        var result = (await workspace.RunAsync("once", "--date", MailProvince.YesterdayText)).ShouldSucceed();

        var message = Directory.GetFiles(workspace.OutboxPath, "*.eml").Select(EmlMessage.Load).ShouldHaveSingleItem(result.Describe());
        message.PlainText.ShouldNotBeNull().ShouldContain($"Số liệu đến hết ngày {Vi(MailProvince.Yesterday)}");
        System.Net.WebUtility.HtmlDecode(message.Html.ShouldNotBeNull()).ShouldContain($"Số liệu đến hết ngày {Vi(MailProvince.Yesterday)}");
    }

    [Fact]
    public async Task Run_OpsNotice_SaysWhenInTheProvinceZoneWithItsOffset()
    {
        using var workspace = CreateProvince();
        workspace.Configure("""{ "Schedule": { "Poll": "0/2 * * * * ?" }, "Service": { "StopTimeout": "00:00:20" } }""");
        workspace.Configure("""{ "Email": { "Recipients": [ { "Scope": "OPS", "To": [ "it@example.gov.vn" ] } ] } }""");
        File.Move(workspace.SourcePath, workspace.SourcePath + ".away");
        await using var service = workspace.Start("run");

        await service.WaitForLogAsync("OPS Problem");
        var notice = await Eventually.UntilValue(
            () => Directory.Exists(workspace.OutboxPath) ? Directory.GetFiles(workspace.OutboxPath, "*.eml").FirstOrDefault() : null,
            "the OPS notice in the pickup directory", context: service.Describe);
        service.Terminate();
        (await service.WaitForExitAsync(TimeSpan.FromSeconds(60))).ShouldSucceed();

        var text = EmlMessage.Load(notice).PlainText.ShouldNotBeNull();
        text.ShouldMatch(@"Thời điểm: \d\d:\d\d ngày \d\d/\d\d/\d{4} \(UTC\+07:00\)");
        text.ShouldNotContain("(UTC):");
    }

    [Fact]
    public async Task DemoOnce_TerminalOf80Columns_TablesFitFiguresReadVietnameseAndProgressShows()
    {
        var folder = Directory.CreateTempSubdirectory("kpi-demo-display-").FullName;
        try
        {
            var result = (await KpiCli.RunInTerminalAsync(folder, 80, ["demo", "--once", "--dossiers", "1000"], Cancellation)).ShouldSucceed();

            result.StdOut.ShouldContain("1.000 hồ sơ", Case.Sensitive, result.Describe());
            result.StdOut.ShouldContain("━", Case.Sensitive, result.Describe()); // the backfill's progress
            TerminalTable.Read(result.StdOut).Count.ShouldBeGreaterThanOrEqualTo(3, result.Describe()); // province, levels, worst units

            // Sentences a terminal may fold: the file paths it names at the end (as long as the folder they are in), log
            // lines (stderr shares the terminal), and the progress display's redrawn frames, which ANSI removal joins.
            ShouldFit(result, 80, except: line => line.Contains(folder, StringComparison.Ordinal) || line.StartsWith('[')
                || line.Contains('━', StringComparison.Ordinal));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task DemoLive_SimulatorAndServiceLogLines_ShareTheProvinceZoneAndFormat()
    {
        var folder = Directory.CreateTempSubdirectory("kpi-demo-live-").FullName;
        try
        {
            await using (var demo = KpiCli.Start(folder, ["demo", "--dossiers", "1000"]))
            {
                await demo.WaitForLogAsync("Mô phỏng:", TimeSpan.FromMinutes(3));
                await demo.WaitForLogAsync("KpiIngest service starting", TimeSpan.FromMinutes(1));
                demo.Terminate();
                var stopped = await demo.WaitForExitAsync(TimeSpan.FromSeconds(60));

                var lines = stopped.StdErr.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
                lines.Where(l => l.Contains("Mô phỏng:", StringComparison.Ordinal)).ShouldNotBeEmpty(stopped.Describe());
                lines.Where(l => l.Contains("Mô phỏng:", StringComparison.Ordinal) || l.Contains("KpiIngest service starting", StringComparison.Ordinal))
                    .ShouldAllBe(l => ConsoleLogLine().IsMatch(l), stopped.Describe());
                stopped.StdOut.ShouldNotContain("[mô phỏng", Case.Sensitive, "the simulator logs like the service, not a line of its own");
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static readonly string[] Indicators = ["1", "2", "3", "4", "5", "6", "7", "8", "9"];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static string Vi(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>Every table's cells on one line each, and no line wider than the terminal.</summary>
    private static void ShouldFit(CliResult result, int columns, Func<string, bool>? except = null)
    {
        foreach (var table in TerminalTable.Read(result.StdOut))
        {
            table.ShouldHaveNoFoldedCell(result);
        }

        foreach (var line in result.StdOut.Split('\n').Where(l => except?.Invoke(l) != true))
        {
            TerminalTable.Width(line.TrimEnd()).ShouldBeLessThanOrEqualTo(columns, $"'{line}'{Environment.NewLine}{result.Describe()}");
        }
    }

    /// <summary>
    /// SO-TP (level 1): 1 200 dossiers received in April 2024, every third online (33,33 %); X-PLT, a commune with a
    /// long name (level 3): 7 dossiers, 2 online. Both offer P1 (online_mode 4, fee, online payment).
    /// </summary>
    private static ProvinceWorkspace CreateProvince()
    {
        var workspace = new ProvinceWorkspace();
        workspace.AddUnits(new UnitRow("SO-TP", "Sở Tư pháp", 1), new UnitRow("X-PLT", LongUnitName, 3));
        workspace.AddProcedures(
            new ProcedureRow("SO-TP", "P1", 4) { HasFee = 1, OnlinePayment = 1, RequiresResult = 1 },
            new ProcedureRow("X-PLT", "P1", 4) { HasFee = 1, OnlinePayment = 1, RequiresResult = 1 });
        workspace.AddDossiers(Enumerable.Range(0, 1200).Select(i => new DossierRow($"S{i:D4}", "SO-TP", "P1")
        {
            Channel = i % 3 == 0 ? 2 : 1,
            ReceivedAt = $"2024-04-{1 + (i % 28):D2} 08:00:00",
        }));
        workspace.AddDossiers(Enumerable.Range(0, 7).Select(i => new DossierRow($"X{i}", "X-PLT", "P1")
        {
            Channel = i < 2 ? 2 : 1,
            ReceivedAt = $"2024-04-{10 + i:D2} 08:00:00",
        }));
        return workspace;
    }

    /// <summary>X-A (level 3) received 12 dossiers today, none online: ONLINE_DOSSIER 0/12, a CRITICAL alert dated today.</summary>
    private static void SeedMissedToday(ProvinceWorkspace workspace, DateOnly today)
    {
        var day = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        workspace.AddUnits(new UnitRow("X-A", MailProvince.XaAName, 3));
        workspace.AddProcedures(new ProcedureRow("X-A", "P1", 3) { ProcedureName = "Đăng ký khai sinh" });
        workspace.AddDossiers(Enumerable.Range(0, 12).Select(i => new DossierRow($"XA-{i:D2}", "X-A", "P1")
        {
            Channel = 1,
            Status = 2,
            ReceivedAt = $"{day} 00:{i:D2}:00",
            Digitized = 1,
            ReusedData = 1,
            UpdatedAt = $"{day} 00:{i:D2}:00",
        }));
    }

    private static void ConfigureProvinceRoute(ProvinceWorkspace workspace) =>
        workspace.Configure(new JsonObject
        {
            ["Email"] = new JsonObject
            {
                ["From"] = MailProvince.From,
                ["Recipients"] = new JsonArray(MailProvince.Route("PROVINCE", null, "tinh@example.test")),
            },
        });

    [GeneratedRegex(@"^\[\d\d:\d\d:\d\d \+07:00 (VRB|DBG|INF|WRN|ERR|FTL)\] ")]
    private static partial Regex ConsoleLogLine();

    [GeneratedRegex(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \+07:00 \[(VRB|DBG|INF|WRN|ERR|FTL)\] ")]
    private static partial Regex FileLogLine();
}
