using System.CommandLine;
using KpiIngest.Worker.Configuration;
using KpiIngest.Worker.Hosting;
using KpiIngest.Worker.Service;

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

    private static async Task<int> RunAsync(string? configFile, string? contentRoot, CancellationToken cancellation)
    {
        Microsoft.Extensions.Hosting.HostApplicationBuilder builder;
        KpiSettings settings;
        try
        {
            builder = KpiHost.CreateBuilder(configFile, overrides: null, contentRoot);
            settings = builder.AddKpiIngest();
        }
        catch (ConfigurationException error)
        {
            await Console.Error.WriteLineAsync($"Configuration error: {error.Message}");
            return ExitCodes.Usage;
        }

        return await KpiService.RunAsync(builder, settings, cancellation);
    }
}
