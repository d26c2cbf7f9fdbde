using System.Text.Json;
using KpiIngest.IntegrationTests.Infrastructure;
using Microsoft.Data.Sqlite;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.EndToEnd;

/// <summary>The README's first command: `demo --once` builds the synthetic province, ingests it and reports.</summary>
public sealed class DemoTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kpi-demo-").FullName;

    [Fact]
    public async Task DemoOnce_FreshFolder_PrintsReportAndLeavesSourceAndStoreFiles()
    {
        var result = await KpiCli.RunAsync(_folder, ["demo", "--once", "--dossiers", "5000"], TestContext.Current.CancellationToken);

        result.ShouldSucceed();
        result.StdOut.ShouldContain("Toàn tỉnh");
        result.StdOut.ShouldContain("Cấp xã");
        result.StdOut.ShouldContain("Tỷ lệ hồ sơ trực tuyến");
        var source = Path.Combine(_folder, "data", "demo", "source.db");
        var store = Path.Combine(_folder, "data", "demo", "kpi.db");
        File.Exists(source).ShouldBeTrue();
        File.Exists(store).ShouldBeTrue();

        using var connection = new SqliteConnection($"Data Source={store};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT COUNT(*) FROM kpi_run WHERE kind = 'backfill' AND status = 'SUCCEEDED'),
                   (SELECT COUNT(*) FROM kpi_snapshot WHERE scope = 'PROVINCE' AND period = 'MTD'),
                   (SELECT COUNT(*) FROM kpi_quarantine WHERE cleared_at IS NULL)
            """;
        using var reader = command.ExecuteReader();
        reader.Read().ShouldBeTrue();
        reader.GetInt64(0).ShouldBe(1);
        reader.GetInt64(1).ShouldBeGreaterThan(0);

        // The generator breaks a few rows on purpose so that quarantine shows up in the demo.
        reader.GetInt64(2).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task DemoOnce_Scorecard_EveryComputableItemExactOrProvisionalAndTheEstimatePrinted()
    {
        var result = (await KpiCli.RunAsync(_folder, ["demo", "--once", "--dossiers", "2000"], TestContext.Current.CancellationToken)).ShouldSucceed();

        using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "data", "demo", "kpi.db")};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT item, basis, points, known_max_points FROM kpi_scorecard
            WHERE scope = 'PROVINCE' AND period = 'MTD' AND snapshot_date = (SELECT MAX(snapshot_date) FROM kpi_scorecard)
            """;
        using var reader = command.ExecuteReader();
        var rows = new Dictionary<string, (string? Basis, double? Points, long KnownMax)>();
        while (reader.Read())
        {
            rows[reader.GetString(0)] = (reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetDouble(2), reader.GetInt64(3));
        }

        // The reference schema maps all five optional columns: only what no dossier database holds is missing.
        string[] entered = ["PUBLISH_ON_TIME", "PUBLIC_UPDATE_ON_TIME", "PUBLIC_CONTENT_FULL", "PETITION_ON_TIME", "PETITION_SATISFACTION"];
        string[] provisional = ["ONLINE_SERVICE_OFFERED", "ONLINE_SERVICE_USED", "ONLINE_SUBMISSION", "PAYMENT_FEE_DATA"];
        foreach (var (item, row) in rows.Where(r => r.Value.Basis is not null))
        {
            var expected = entered.Contains(item) ? "MISSING" : provisional.Contains(item) ? "PROVISIONAL" : item == "CERTIFIED_COPY" ? "PROXY" : "EXACT";
            row.Basis.ShouldBe(expected, item);
        }

        rows.Count(r => r.Value.Basis is not null).ShouldBe(21);
        var total = rows["TOTAL"];
        total.KnownMax.ShouldBe(76);
        var points = total.Points.ShouldNotBeNull().ToString("N2", System.Globalization.CultureInfo.GetCultureInfo("vi-VN"));
        result.StdOut.ShouldContain($"Chỉ số 766 (ước tính, DVCQG 2026): {points}/100 điểm (tính được 76/100)", Case.Sensitive, result.Describe());
    }

    [Fact]
    public async Task DemoOnce_PrintedCommands_WorkAsPrinted()
    {
        var demo = (await KpiCli.RunAsync(_folder, ["demo", "--once", "--dossiers", "2000"], TestContext.Current.CancellationToken)).ShouldSucceed();

        var settings = Path.Combine(_folder, "data", "demo", "appsettings.json");
        File.Exists(settings).ShouldBeTrue("the demo writes the settings it used beside its data");
        using (var json = JsonDocument.Parse(File.ReadAllText(settings)))
        {
            json.RootElement.GetProperty("Store").GetProperty("ConnectionString").GetString().ShouldNotBeNull().ShouldContain("kpi.db");
        }

        var commands = PrintedCommands(demo);
        commands.ShouldContain(c => c.Length > 1 && c[0] == "report" && c[1] == "--alerts", demo.Describe());
        foreach (var command in commands.Where(c => c[0] != "run"))
        {
            // run is the service, which runs until stopped: RunAfterDemoOnce_KeepsTheDemoHistory starts it.
            (await KpiCli.RunAsync(_folder, command, TestContext.Current.CancellationToken)).ShouldSucceed();
        }
    }

    [Fact]
    public async Task RunAfterDemoOnce_KeepsTheDemoHistory()
    {
        var demo = (await KpiCli.RunAsync(_folder, ["demo", "--once", "--dossiers", "2000"], TestContext.Current.CancellationToken)).ShouldSucceed();
        var run = PrintedCommands(demo).Where(c => c[0] == "run").ShouldHaveSingleItem(demo.Describe());
        var store = Path.Combine(_folder, "data", "demo", "kpi.db");
        var yesterday = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, ProvinceClock.Zone).DateTime).AddDays(-1);
        var before = PastSnapshotRows(store, yesterday);
        before.Rows.ShouldBeGreaterThan(0);

        // The service closes the missed day at start, then applies retention: the demo's history must fit it.
        await using (var service = KpiCli.Start(_folder, run))
        {
            await service.WaitForLogAsync("Retention: deleted");
            service.Terminate();
            (await service.WaitForExitAsync(KpiCli.KillAfter)).ShouldSucceed();
        }

        PastSnapshotRows(store, yesterday).ShouldBe(before, "run right after demo --once keeps every snapshot of the demo's history");
    }

    /// <summary>The commands the demo printed for a person to type next, as argument lists.</summary>
    private static List<string[]> PrintedCommands(CliResult demo) =>
    [
        .. demo.StdOut.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.StartsWith("kpi-ingest ", StringComparison.Ordinal))
            .Select(l => l["kpi-ingest ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)),
    ];

    /// <summary>Snapshot rows dated before <paramref name="before"/> (which a later run does not rewrite), and the oldest date.</summary>
    private static (long Rows, string? Oldest) PastSnapshotRows(string store, DateOnly before)
    {
        using var connection = new SqliteConnection($"Data Source={store};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), MIN(snapshot_date) FROM kpi_snapshot WHERE snapshot_date < $before";
        command.Parameters.AddWithValue("$before", before.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        using var reader = command.ExecuteReader();
        reader.Read().ShouldBeTrue();
        return (reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
