using KpiIngest.Bench;

// The benchmark (issue 16): what a user sees, the whole process of each CLI verb, beside the engine's own limits on the same rows.
//   dotnet run -c Release --project bench/KpiIngest.Bench -- --dossiers 100000,1000000 [--store sqlite|postgresql [--store-connection CS]] [--json FILE] [--work DIR]
//   dotnet run -c Release --project bench/KpiIngest.Bench -- table --readme README.md bench.json [bench-5m.json …]
const string Usage = """
    Usage: KpiIngest.Bench --dossiers N[,N…] [--units 200] [--pairs 5000] [--store sqlite|postgresql [--store-connection CS]]
                           [--json FILE] [--work DIR]
           KpiIngest.Bench table --readme FILE JSON [JSON …]
      --dossiers          one or more sizes, comma-separated; each gets its own province, store and native baselines.
      --store postgresql  write the store to a PostgreSQL server: --store-connection (or KPIINGEST_BENCH_POSTGRESQL)
                          is a login that may create databases; one fresh database per province.
      table               writes the benchmark table of the JSON files between the markers of FILE (README.md).
    """;
try
{
    if (args is ["--help"] or ["-h"])
    {
        Console.WriteLine(Usage);
        return 0;
    }

    if (args is ["table", "--readme", var readme, .. var jsonFiles] && jsonFiles.Length > 0)
    {
        ReadmeTable.Write(readme, jsonFiles);
        Console.WriteLine($"Benchmark table written to {readme}");
        return 0;
    }

    var options = BenchOptions.Parse(args);
    var report = Orchestrator.Run(options);
    Console.WriteLine(report.ToMarkdown());
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
