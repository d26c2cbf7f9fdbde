using System.Diagnostics;
using System.Text.Json;
using KpiIngest.Data;
using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Bench;

/// <summary>
/// The benchmark at a tiny size, so it cannot rot: it runs the CLI verbs end to end and writes the JSON keys issue 16 names.
/// Speed is measured by the benchmark itself, never asserted here.
/// </summary>
public sealed class BenchmarkSmokeTests(PostgreSqlServer server) : IDisposable
{
    private static readonly string[] NativeKeys = ["native_copy_seconds", "native_scan_seconds"];

    private static readonly string[] VerbKeys =
        ["start_up", "cold_backfill_day", "warm_backfill_day", "backfill_year", "once", "report", "check_source"];

    private static readonly string[] CostKeys = ["seconds", "cpu_seconds", "peak_rss_mb"];

    private readonly string _folder = Directory.CreateTempSubdirectory("kpi-bench-smoke-").FullName;

    [Fact]
    public Task Benchmark_TinyProvince_WritesEveryKeyOfTheJsonReport() => RunTinyBenchmarkAsync(DbEngine.Sqlite);

    [Fact]
    public Task Benchmark_TinyProvinceOnPostgreSqlStore_WritesEveryKeyOfTheJsonReport()
    {
        if (server.UnavailableReason is { } reason)
        {
            Assert.Skip(reason);
        }

        return RunTinyBenchmarkAsync(DbEngine.PostgreSql, "--store", "postgresql", "--store-connection", server.AdminConnectionString("postgres"));
    }

    private async Task RunTinyBenchmarkAsync(DbEngine provider, params string[] storeArguments)
    {
        var json = Path.Combine(_folder, "bench.json");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])[Path.Combine(AppContext.BaseDirectory, "KpiIngest.Bench.dll"), "--dossiers", "2000",
                     "--units", "10", "--pairs", "60", "--json", json, "--work", _folder, .. storeArguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        process.ExitCode.ShouldBe(0, await errors);
        (await output).ShouldContain("cold `backfill` of a day");
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json, TestContext.Current.CancellationToken));
        var size = report.RootElement.GetProperty("sizes").EnumerateArray().Single();
        foreach (var key in NativeKeys)
        {
            size.TryGetProperty(key, out var value).ShouldBeTrue($"the JSON report lacks {key}");
            value.GetDouble().ShouldBeGreaterThanOrEqualTo(0, key);
        }

        foreach (var verb in VerbKeys)
        {
            size.TryGetProperty(verb, out var cost).ShouldBeTrue($"the JSON report lacks {verb}");
            foreach (var key in CostKeys)
            {
                cost.TryGetProperty(key, out var value).ShouldBeTrue($"the JSON report lacks {verb}.{key}");
                value.GetDouble().ShouldBeGreaterThan(0, $"{verb}.{key}");
            }
        }

        size.GetProperty("dossiers").GetInt32().ShouldBe(2000);
        size.GetProperty("store").GetString().ShouldBe(provider.ToString());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
