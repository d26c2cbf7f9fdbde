using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using KpiIngest.Demo;

namespace KpiIngest.Bench;

/// <summary>Generates the provinces, runs the measured phases in a child process, and the engine's native baselines.</summary>
public static class Orchestrator
{
    private static readonly DateOnly From = new(2025, 1, 1);
    private static readonly DateOnly To = new(2025, 12, 31);

    public static async Task<BenchReport> RunAsync(BenchOptions options)
    {
        Directory.CreateDirectory(options.WorkFolder);
        var store = BenchStore.For(options.Store, options.WorkFolder, options.StoreConnection);
        if (options.IngestOnly)
        {
            // For iterating on the ingest: no small province, and the measured process stops after the ingest.
            var province = await MeasureWithNative(options, store, options.Dossiers, "full");
            return BenchReport.IngestOnly(
                store.Provider,
                options.Dossiers,
                province.Measured.GetProperty("ingest_seconds").GetDouble(),
                province.CopySeconds,
                province.Measured.GetProperty("peak_working_set_mb").GetDouble());
        }

        // At exactly the small size the full province is the small one: measured once.
        JsonElement? smallAlone = options.SmallSize == options.Dossiers
            ? null
            : await Measure(options, store, Generate(options, options.SmallSize, "small"), "small");
        var full = await MeasureWithNative(options, store, options.Dossiers, "full");
        var small = smallAlone ?? full.Measured;
        return new BenchReport(
            store.Provider,
            options.Dossiers,
            full.Measured.GetProperty("ingest_seconds").GetDouble(),
            full.CopySeconds,
            full.Measured.GetProperty("snapshot_seconds").GetDouble(),
            full.ScanSeconds,
            options.SmallSize,
            small.GetProperty("poll_seconds").GetDouble(),
            full.Measured.GetProperty("poll_seconds").GetDouble(),
            full.Measured.GetProperty("backfill_seconds").GetDouble(),
            small.GetProperty("peak_working_set_mb").GetDouble(),
            full.Measured.GetProperty("peak_working_set_mb").GetDouble());
    }

    /// <summary>
    /// The full province measured, with the engine's native copy and scan timed just before and just after it and
    /// averaged: on a shared machine whose speed drifts over minutes, a baseline timed on one side only skews the ratio.
    /// </summary>
    private static async Task<(JsonElement Measured, double CopySeconds, double ScanSeconds)> MeasureWithNative(
        BenchOptions options, BenchStore store, int dossiers, string name)
    {
        var source = Generate(options, dossiers, name);
        Console.Error.WriteLine("native copy and scan (before) …");
        var before = store.Native(source);
        var measured = await Measure(options, store, source, name);
        Console.Error.WriteLine("native copy and scan (after) …");
        var after = store.Native(source);
        return (measured, (before.CopySeconds + after.CopySeconds) / 2, (before.ScanSeconds + after.ScanSeconds) / 2);
    }

    private static string Generate(BenchOptions options, int dossiers, string name)
    {
        var source = Path.Combine(options.WorkFolder, $"source-{name}.db");
        Console.Error.WriteLine($"generating {dossiers:N0} dossiers ({name}) …");
        SyntheticProvince.Create(source, new SyntheticProvinceOptions
        {
            From = From,
            To = To,
            Dossiers = dossiers,
            Units = options.Units,
            CatalogPairs = options.Pairs,
            BadRowRate = 0,
        });
        return source;
    }

    private static async Task<JsonElement> Measure(BenchOptions options, BenchStore store, string source, string name)
    {
        Console.Error.WriteLine($"measuring ({name}) …");
        var json = await RunSelfAsync(["measure", source, store.Provider, store.Create(name), To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "1000",
            options.IngestOnly ? "ingest" : "all"]);
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    private static async Task<string> RunSelfAsync(IReadOnlyList<string> arguments)
    {
        var host = Environment.ProcessPath!;
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(Orchestrator).Assembly.Location);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"The measured phases failed (exit {process.ExitCode}).");
        }

        return output.Trim().Split('\n')[^1];
    }
}
