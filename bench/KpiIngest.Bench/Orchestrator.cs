using System.Globalization;
using KpiIngest.Demo;

namespace KpiIngest.Bench;

/// <summary>
/// For each size: generates the province, times the engine's native copy and grouped scan, runs the CLI verbs a user runs
/// (each its own process, start-up included), and times the native baselines again.
/// </summary>
public static class Orchestrator
{
    private static readonly DateOnly From = new(2025, 1, 1);
    private static readonly DateOnly To = new(2025, 12, 31);

    public static BenchReport Run(BenchOptions options)
    {
        Directory.CreateDirectory(options.WorkFolder);
        var store = BenchStore.For(options.Store, options.WorkFolder, options.StoreConnection);
        var worker = PublishedWorker.Publish(options.WorkFolder);
        return new BenchReport([.. options.Sizes.Select(size => MeasureSize(options, worker, store, size))]);
    }

    /// <summary>
    /// The native copy and scan are timed just before and just after the verbs and averaged: on a shared machine whose
    /// speed drifts over minutes, a baseline timed on one side only skews the ratio.
    /// </summary>
    private static SizeReport MeasureSize(BenchOptions options, string worker, BenchStore store, int dossiers)
    {
        var name = dossiers.ToString(CultureInfo.InvariantCulture);
        var source = Generate(options, dossiers, name);
        Console.Error.WriteLine("native copy and scan (before) …");
        var before = store.Native(source);

        Console.Error.WriteLine($"verbs at {dossiers:N0} dossiers …");
        var verbs = new VerbRunner(worker, options.WorkFolder, name, source, store.Provider, store.Create(name));
        var day = To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var year = From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var startUp = verbs.StartUp();
        var cold = verbs.Run(["backfill", "--from", day, "--to", day]);
        var warm = verbs.Run(["backfill", "--from", day, "--to", day]);
        var yearBackfill = verbs.Run(["backfill", "--from", year, "--to", day]);
        var once = verbs.Run(["once", "--date", day]);
        var report = verbs.Run(["report", "--date", day]);
        var checkSource = verbs.Run(["check-source"]);

        Console.Error.WriteLine("native copy and scan (after) …");
        var after = store.Native(source);
        return new SizeReport(
            store.Provider,
            dossiers,
            (before.CopySeconds + after.CopySeconds) / 2,
            (before.ScanSeconds + after.ScanSeconds) / 2,
            startUp,
            cold,
            warm,
            yearBackfill,
            once,
            report,
            checkSource);
    }

    private static string Generate(BenchOptions options, int dossiers, string name)
    {
        var source = Path.Combine(options.WorkFolder, $"source-{name}.db");
        Console.Error.WriteLine($"generating {dossiers:N0} dossiers …");
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
}
