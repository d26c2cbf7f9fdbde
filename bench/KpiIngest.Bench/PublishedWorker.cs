using System.Reflection;
using System.Runtime.InteropServices;

namespace KpiIngest.Bench;

/// <summary>
/// The worker as a province runs it: published the way deploy/linux/README.md says (Release, for this machine's runtime
/// identifier, framework-dependent, so compiled ahead of time as the worker's project asks of every publish), into the
/// work folder, once per benchmark run.
/// </summary>
public static class PublishedWorker
{
    /// <returns>The published kpi-ingest.dll.</returns>
    public static string Publish(string workFolder)
    {
        var project = typeof(PublishedWorker).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "WorkerProject").Value!;
        var output = Path.Combine(workFolder, "app");
        Console.Error.WriteLine($"publishing the worker ({RuntimeInformation.RuntimeIdentifier}) into {output} …");
        ChildProcess.Run(ChildProcess.DotnetHost,
            ["publish", project, "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier, "--self-contained", "false", "-o", output,
                "-v", "q", "-nologo"],
            $"dotnet publish {project}");
        return Path.Combine(output, "kpi-ingest.dll");
    }
}
