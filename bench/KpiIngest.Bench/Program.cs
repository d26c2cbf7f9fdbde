using System.Globalization;
using KpiIngest.Bench;

// The benchmark (issue 7): one command, the same data and machine for KpiIngest and the engine's own limits.
//   dotnet run -c Release --project bench/KpiIngest.Bench -- --dossiers N [--store sqlite|postgresql [--store-connection CS]] [--json FILE] [--work DIR] [--only ingest]
// It re-invokes itself with `measure` for the phases it times, so the peak working set it reports is the
// worker's alone, not the generator's.
const string Usage = """
    Usage: KpiIngest.Bench --dossiers N [--units 200] [--pairs 5000] [--store sqlite|postgresql [--store-connection CS]]
                           [--json FILE] [--work DIR] [--only ingest]
      --store postgresql  write the store to a PostgreSQL server: --store-connection (or KPIINGEST_BENCH_POSTGRESQL)
                          is a login that may create databases; one fresh database per province.
      --only ingest  measure the initial ingest and the native copy only (no small province, snapshot, poll,
                     backfill): for iterating on ingest speed; the JSON then holds only the keys measured.
    """;
try
{
    if (args is ["--help"] or ["-h"])
    {
        Console.WriteLine(Usage);
        return 0;
    }

    if (args.Length > 0 && args[0] == "measure")
    {
        return await Measure.RunAsync(args[1..]);
    }

    var options = BenchOptions.Parse(args);
    var report = await Orchestrator.RunAsync(options);
    Console.WriteLine(report.ToTable());
    if (options.JsonFile is not null)
    {
        await File.WriteAllTextAsync(options.JsonFile, report.ToJson());
        Console.WriteLine($"JSON written to {options.JsonFile}");
    }

    return 0;
}
catch (ArgumentException error)
{
    Console.Error.WriteLine(error.Message);
    Console.Error.WriteLine(Usage);
    return 2;
}
