using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace KpiIngest.Bench;

/// <summary>
/// What one run of the CLI cost: the whole process's elapsed time, start-up included, its processor time (user plus
/// system, which a busy shared machine inflates far less than the elapsed time), and its peak resident memory.
/// </summary>
public sealed record VerbCost(double Seconds, double CpuSeconds, double PeakRssMb);

/// <summary>
/// Runs the real <c>kpi-ingest</c> verbs as child processes, as a user does: <c>dotnet kpi-ingest.dll VERB --config FILE</c>,
/// of the worker as deploy/ publishes it.
/// The peak resident memory and the processor time are the kernel's own (getrusage's ru_maxrss, ru_utime and ru_stime
/// through <c>/usr/bin/time -f "%M %U %S"</c>): exact, where polling /proc would miss a peak between two looks.
/// </summary>
public sealed class VerbRunner
{
    private const string Time = "/usr/bin/time";

    private readonly string _config;
    private readonly string _workFolder;
    private readonly string _worker;

    /// <summary>Writes the configuration every verb of this province reads: the source, the store, a pickup folder for mail.</summary>
    /// <param name="worker">The published kpi-ingest.dll (<see cref="PublishedWorker"/>).</param>
    /// <param name="workFolder">Where the configuration, the outbox and the usage file go.</param>
    /// <param name="name">The province's name in file names (its size).</param>
    /// <param name="sourcePath">The province's SQLite source.</param>
    /// <param name="storeProvider">Store:Provider.</param>
    /// <param name="storeConnection">Store:ConnectionString.</param>
    public VerbRunner(string worker, string workFolder, string name, string sourcePath, string storeProvider, string storeConnection)
    {
        if (!File.Exists(Time))
        {
            throw new InvalidOperationException($"{Time} is needed to read each verb's peak resident memory (apt-get install time).");
        }

        _worker = worker;
        _workFolder = workFolder;
        _config = Path.Combine(workFolder, $"config-{name}.json");
        var config = new JsonObject
        {
            ["Source"] = new JsonObject { ["Provider"] = "Sqlite", ["ConnectionString"] = $"Data Source={sourcePath}" },
            ["Store"] = new JsonObject { ["Provider"] = storeProvider, ["ConnectionString"] = storeConnection },
            ["Province"] = new JsonObject { ["Name"] = "Tỉnh Sơn Hà", ["Code"] = "SH" },
            ["Email"] = new JsonObject { ["PickupDirectory"] = Path.Combine(workFolder, $"outbox-{name}") },
            ["Serilog"] = new JsonObject { ["MinimumLevel"] = new JsonObject { ["Default"] = "Warning" } },
        };
        File.WriteAllText(_config, config.ToJsonString());
    }

    /// <summary>The worker's start-up alone (<c>--help</c>): what every verb pays before its work.</summary>
    public VerbCost StartUp() => Run(["--help"], withConfig: false);

    /// <summary>Runs one verb; a non-zero exit fails the benchmark with the verb's error output.</summary>
    public VerbCost Run(IReadOnlyList<string> verb, bool withConfig = true)
    {
        Console.Error.WriteLine($"  kpi-ingest {string.Join(' ', verb)} …");
        var peakFile = Path.Combine(_workFolder, "usage.txt");
        string[] arguments =
            ["-f", "%M %U %S", "-o", peakFile, ChildProcess.DotnetHost, _worker, .. verb, .. withConfig ? ["--config", _config] : Array.Empty<string>()];
        var stopwatch = Stopwatch.StartNew();
        ChildProcess.Run(Time, arguments, $"kpi-ingest {string.Join(' ', verb)}");
        var seconds = stopwatch.Elapsed.TotalSeconds;
        var usage = File.ReadAllLines(peakFile).Last(line => line.Length > 0).Split(' ')
            .Select(value => double.Parse(value, CultureInfo.InvariantCulture)).ToArray();
        return new VerbCost(seconds, usage[1] + usage[2], usage[0] / 1024.0);
    }
}
