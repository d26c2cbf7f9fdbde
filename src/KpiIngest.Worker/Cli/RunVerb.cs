using System.CommandLine;
using KpiIngest.Worker.Configuration;
using KpiIngest.Worker.Hosting;
using KpiIngest.Worker.Service;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KpiIngest.Worker.Cli;

/// <summary>`kpi-ingest run` (and `kpi-ingest` with no verb): the service, until stopped.</summary>
public static class RunVerb
{
    public const string Name = "run";

    public static Command Build(Option<string?> configOption, Option<string?> contentRootOption)
    {
        var command = new Command(Name, "Run as the service: polls, day-close and reconciliation on their schedules until stopped.");
        command.SetAction(Action(configOption, contentRootOption));
        return command;
    }

    public static Func<ParseResult, CancellationToken, Task<int>> Action(Option<string?> configOption, Option<string?> contentRootOption) =>
        (parse, cancellation) => RunAsync(parse.GetValue(configOption), parse.GetValue(contentRootOption), cancellation);

    /// <summary>True for `run`, for no verb at all, and for the demo (which runs the service live): the host handles stop signals.</summary>
    public static bool IsService(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var command = parse.CommandResult.Command;
        return command is RootCommand || command.Name is Name or "demo";
    }

    private static Task<int> RunAsync(string? configFile, string? contentRoot, CancellationToken cancellation) =>
        RunAsync(configFile, overrides: null, contentRoot, cancellation);

    /// <summary>
    /// The service on the layered configuration, <paramref name="overrides"/> winning (the demo's synthetic province
    /// with a short schedule), until stopped or <paramref name="cancellation"/> fires. Every section is checked first:
    /// a bad one exits 2 with its sentence.
    /// </summary>
    public static async Task<int> RunAsync(
        string? configFile, IReadOnlyDictionary<string, string?>? overrides, string? contentRoot, CancellationToken cancellation)
    {
        HostApplicationBuilder builder;
        try
        {
            builder = KpiHost.CreateBuilder(configFile, overrides, contentRoot);
            builder.AddKpiIngest();
            builder.AddKpiService();
        }
        catch (ConfigurationException error)
        {
            await Console.Error.WriteLineAsync($"Configuration error: {error.Message}");
            return ExitCodes.Usage;
        }

        return await RunAsync(builder, cancellation);
    }

    /// <summary>`run`: builds the service on a configured and checked builder and runs it until stopped; 0 on a clean stop.</summary>
    private static async Task<int> RunAsync(HostApplicationBuilder builder, CancellationToken cancellation)
    {
        using var host = builder.Build();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("KpiIngest.Service");
        var stopping = host.Services.GetRequiredService<ServiceStopping>();
        try
        {
            await host.RunAsync(cancellation);
            if (stopping.JobStillRunning)
            {
                // Blocked in a call that does not observe cancellation (a locked SQLite file, a hung server): its run
                // stays RUNNING until the next run marks it ABANDONED, its lease lapses after Service:Lease:Expiry.
                logger.LogError("KpiIngest service stopped with a job still running past Service:StopTimeout {StopTimeout}",
                    host.Services.GetRequiredService<IOptions<ServiceOptions>>().Value.StopTimeout);
                return ExitCodes.Failed;
            }

            logger.LogInformation("KpiIngest service stopped");
            return ExitCodes.Ok;
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            logger.LogCritical(error, "KpiIngest service stopped on an error");
            return ExitCodes.Failed;
        }
    }
}
