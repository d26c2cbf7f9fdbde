using System.Text.Json;
using KpiIngest.Worker.Configuration;
using KpiIngest.Worker.Display;
using KpiIngest.Worker.Email;
using KpiIngest.Worker.Pipeline;
using KpiIngest.Worker.Reports;
using KpiIngest.Worker.Service;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Events;
using Serilog.Settings.Configuration;

namespace KpiIngest.Worker.Hosting;

/// <summary>
/// Composition in one place (style.md #1): configuration layers, Serilog, options, services.
/// Layers, later winning: appsettings.json beside the executable, appsettings.json in the content root,
/// the --config file, environment variables (Store__ConnectionString=...), then what the verb itself imposes.
/// The content root is --content-root, else the executable's folder under a service manager, else the working
/// directory (<see cref="ContentRoot"/>).
/// </summary>
public static class KpiHost
{
    public static HostApplicationBuilder CreateBuilder(
        string? configFile, IReadOnlyDictionary<string, string?>? overrides = null, string? contentRootOption = null)
    {
        var contentRoot = ContentRoot.Resolve(contentRootOption);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = contentRoot });
        AddJsonFile(builder.Configuration, Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true);
        var local = Path.Combine(contentRoot, "appsettings.json");
        if (!string.Equals(Path.GetFullPath(local), Path.Combine(AppContext.BaseDirectory, "appsettings.json"), StringComparison.Ordinal))
        {
            AddJsonFile(builder.Configuration, local, optional: true);
        }

        if (configFile is not null)
        {
            var path = Path.GetFullPath(configFile, contentRoot);
            if (!File.Exists(path))
            {
                throw new ConfigurationException($"--config file '{configFile}' does not exist.");
            }

            AddJsonFile(builder.Configuration, path, optional: false);
        }

        builder.Configuration.AddEnvironmentVariables();
        if (overrides is not null)
        {
            // Settings a verb imposes (the demo's own source and store) win over every file and variable.
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        return builder;
    }

    /// <summary>
    /// Registers the configuration's options (<see cref="KpiOptions"/>) and every service. Nothing is checked here: a
    /// verb checks the sections it uses (<see cref="KpiOptions.Check"/>), the service every section before it starts.
    /// </summary>
    public static void AddKpiIngest(this HostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var contentRoot = builder.Environment.ContentRootPath;
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(CreateLogger(builder.Configuration, contentRoot, LogZone(builder.Configuration)), dispose: true);

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddKpiOptions(builder.Configuration, contentRoot);
        services.AddSingleton<SourceReaders>();
        services.AddSingleton<IRunProgress>(NoRunProgress.Instance);
        services.AddSingleton<IngestPipeline>();
        services.AddSingleton<SnapshotPipeline>();
        services.AddSingleton<AlertPipeline>();
        services.AddSingleton<DigestOutbox>();
        services.AddSingleton(sp => MailTransports.For(sp.GetRequiredService<IOptions<EmailOptions>>().Value, contentRoot));

        // OPS notices go by mail when an OPS route is configured; otherwise the service logs them (KpiService).
        services.AddSingleton<Service.IOpsNotifier>(sp =>
            new RecipientRouter(sp.GetRequiredService<IOptions<EmailOptions>>().Value.Recipients).OpsAddresses.Count > 0
                ? ActivatorUtilities.CreateInstance<EmailOpsNotifier>(sp)
                : ActivatorUtilities.CreateInstance<LoggingOpsNotifier>(sp));
        services.AddSingleton<DigestDelivery>();
        services.AddSingleton<StoreUpgrade>();
        services.AddSingleton<KpiRunner>();
        services.AddSingleton<ReportPrinter>();
        services.AddSingleton<ScorecardPrinter>();
        services.AddSingleton<MonthlyWorkbook>();
        services.AddSingleton<Reports.Overview.OverviewReader>();
        services.AddSingleton<SourceChecker>();
    }

    /// <summary>
    /// Adds one JSON layer. The builder's configuration loads a file as soon as it is added, so a syntax error surfaces
    /// here: it becomes one sentence naming the file and the line (exit 2), not a parser's stack trace (exit 1).
    /// </summary>
    private static void AddJsonFile(ConfigurationManager configuration, string path, bool optional)
    {
        try
        {
            configuration.AddJsonFile(path, optional);
        }
        catch (Exception error) when (error is InvalidDataException or FormatException or JsonException)
        {
            var json = FindJsonError(error);
            throw new ConfigurationException(json?.LineNumber is { } line
                ? $"The configuration file {path} is not valid JSON at line {line + 1}, column {(json.BytePositionInLine ?? 0) + 1}: check the quotes, commas and braces there."
                : $"The configuration file {path} is not valid JSON: it must hold one JSON object {{ ... }} of sections.");
        }
    }

    /// <summary>
    /// The zone log lines are stamped in: Source:TimeZone. The logger exists before the configuration is checked, so a
    /// zone this machine does not know stamps UTC until the check refuses it (exit 2).
    /// </summary>
    private static TimeZoneInfo LogZone(IConfiguration configuration) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(
            configuration[$"{SourceOptions.Section}:{nameof(SourceOptions.TimeZone)}"] ?? new SourceOptions().TimeZone, out var zone)
            ? zone
            : TimeZoneInfo.Utc;

    private static JsonException? FindJsonError(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            if (error is JsonException json)
            {
                return json;
            }
        }

        return null;
    }

    /// <summary>
    /// Console (stderr, so report output on stdout stays clean) and a daily rolling file unless configured. Every event
    /// carries its time in the province's zone (<see cref="ProvinceTimestamp"/>), configured sinks included.
    /// </summary>
    private static Serilog.ILogger CreateLogger(IConfiguration configuration, string contentRoot, TimeZoneInfo zone)
    {
        var logger = new LoggerConfiguration().Enrich.With(new ProvinceTimestamp(zone));
        if (configuration.GetSection("Serilog").Exists())
        {
            // Only the Console and File sinks ship; naming their assemblies also works in a single-file publish.
            var sinks = new ConfigurationReaderOptions(
                typeof(ConsoleLoggerConfigurationExtensions).Assembly, typeof(FileLoggerConfigurationExtensions).Assembly);
            return logger.ReadFrom.Configuration(LogPaths.Resolve(configuration, contentRoot), sinks).CreateLogger();
        }

        return logger
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Quartz", LogEventLevel.Warning)
            .WriteTo.Console(standardErrorFromLevel: LogEventLevel.Verbose,
                outputTemplate: ProvinceTimestamp.ConsoleTemplate,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .WriteTo.File(Path.Combine(contentRoot, "logs", "kpi-ingest-.log"),
                rollingInterval: RollingInterval.Day, retainedFileCountLimit: 31, outputTemplate: ProvinceTimestamp.FileTemplate,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .CreateLogger();
    }
}
