using System.Text.Json;
using KpiIngest.Core.Periods;
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
using Serilog;
using Serilog.Events;
using Serilog.Settings.Configuration;

namespace KpiIngest.Worker.Hosting;

/// <summary>
/// Composition in one place (style.md #1): configuration layers, Serilog, settings checked once, services.
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
        builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true);
        var local = Path.Combine(contentRoot, "appsettings.json");
        if (!string.Equals(Path.GetFullPath(local), Path.Combine(AppContext.BaseDirectory, "appsettings.json"), StringComparison.Ordinal))
        {
            builder.Configuration.AddJsonFile(local, optional: true);
        }

        if (configFile is not null)
        {
            var path = Path.GetFullPath(configFile, contentRoot);
            if (!File.Exists(path))
            {
                throw new ConfigurationException($"--config file '{configFile}' does not exist.");
            }

            builder.Configuration.AddJsonFile(path, optional: false);
        }

        builder.Configuration.AddEnvironmentVariables();
        if (overrides is not null)
        {
            // Settings a verb imposes (the demo's own source and store) win over every file and variable.
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        try
        {
            // Force the JSON files to load here, so a syntax error is a configuration error, not a crash later.
            _ = builder.Configuration.GetChildren().ToList();
        }
        catch (Exception error) when (error is InvalidDataException or JsonException or FormatException)
        {
            throw new ConfigurationException($"A configuration file is not valid JSON: {error.Message}");
        }

        return builder;
    }

    /// <summary>Checks the configuration and registers every service; throws <see cref="ConfigurationException"/>.</summary>
    public static KpiSettings AddKpiIngest(this HostApplicationBuilder builder) =>
        builder.AddKpiIngest(SettingsLoader.Load(builder.Configuration, builder.Environment.ContentRootPath));

    /// <summary>Registers every service for settings already checked (the demo runs the service on its own).</summary>
    public static KpiSettings AddKpiIngest(this HostApplicationBuilder builder, KpiSettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(CreateLogger(builder.Configuration, settings.ContentRoot, settings.TimeZone), dispose: true);

        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new SourceClock(sp.GetRequiredService<TimeProvider>(), settings.TimeZone));
        services.AddSingleton<SourceReaders>();
        services.AddSingleton<IRunProgress>(NoRunProgress.Instance);
        services.AddSingleton<IngestPipeline>();
        services.AddSingleton<SnapshotPipeline>();
        services.AddSingleton<AlertPipeline>();
        services.AddSingleton<DigestOutbox>();
        services.AddSingleton(MailTransports.For(settings));
        if (new RecipientRouter(settings.Email.Recipients).OpsAddresses.Count > 0)
        {
            services.AddSingleton<Service.IOpsNotifier, EmailOpsNotifier>();
        }

        services.AddSingleton<DigestDelivery>();
        services.AddSingleton<StoreUpgrade>();
        services.AddSingleton<KpiRunner>();
        services.AddSingleton<ReportPrinter>();
        services.AddSingleton<SourceChecker>();
        return settings;
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
