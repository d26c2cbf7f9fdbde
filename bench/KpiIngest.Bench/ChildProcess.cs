using System.Diagnostics;

namespace KpiIngest.Bench;

/// <summary>Runs a program to its end, its output captured; a non-zero exit fails the benchmark with that output.</summary>
public static class ChildProcess
{
    /// <summary>The dotnet host this benchmark runs under (a child then runs the same SDK and runtimes).</summary>
    public static string DotnetHost =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    /// <param name="file">The program.</param>
    /// <param name="arguments">Its arguments, each passed as one.</param>
    /// <param name="what">What it does, for the error: "kpi-ingest once", "dotnet publish …".</param>
    public static void Run(string file, IEnumerable<string> arguments, string what)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{what} exited {process.ExitCode}: {errors.Result}{output.Result}");
        }
    }
}
