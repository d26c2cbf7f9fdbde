using System.CommandLine;
using KpiIngest.Data.Store;
using KpiIngest.Worker.Cli;
using KpiIngest.Worker.Hosting;

// Console output is UTF-8 whatever the host's code page: unit names and reports are Vietnamese.
Console.OutputEncoding = System.Text.Encoding.UTF8;

var parse = KpiCommandLine.Build().Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
    {
        Console.Error.WriteLine(error.Message);
    }

    Console.Error.WriteLine("Run `kpi-ingest --help` for the verbs and their options.");
    return ExitCodes.Usage;
}

try
{
    return await parse.InvokeAsync(KpiCommandLine.Invocation(parse));
}
catch (OperationCanceledException)
{
    // Ctrl+C or SIGTERM during a verb: the run, if one had started, is recorded as stopped.
    Console.Error.WriteLine("kpi-ingest stopped before it finished.");
    return ExitCodes.Failed;
}
catch (Exception error) when (error is not OutOfMemoryException)
{
    // Runs record their own failures; this is what happened outside one (the store unreachable, say).
    Console.Error.WriteLine($"kpi-ingest failed: {KpiIngest.Data.Store.RunErrors.Describe(error)}");
    return ExitCodes.Failed;
}
finally
{
    await Serilog.Log.CloseAndFlushAsync();
}
