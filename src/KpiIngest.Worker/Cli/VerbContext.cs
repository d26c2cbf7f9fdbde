using KpiIngest.Worker.Configuration;
using KpiIngest.Worker.Display;
using KpiIngest.Worker.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KpiIngest.Worker.Cli;

/// <summary>The configured services one verb runs with, built after its configuration passed every check.</summary>
public sealed class VerbContext : IDisposable
{
    private readonly IHost _host;

    private VerbContext(IHost host, KpiSettings settings)
    {
        _host = host;
        Settings = settings;
    }

    public KpiSettings Settings { get; }

    public IServiceProvider Services => _host.Services;

    public T Get<T>()
        where T : notnull => _host.Services.GetRequiredService<T>();

    /// <summary>Throws <see cref="ConfigurationException"/> when the configuration is bad.</summary>
    public static VerbContext Create(
        string? configFile, IReadOnlyDictionary<string, string?>? overrides = null, string? contentRoot = null)
    {
        var builder = KpiHost.CreateBuilder(configFile, overrides, contentRoot);
        var settings = builder.AddKpiIngest();

        // A verb runs in front of a person (or a script): it shows its progress, which the service does not.
        builder.Services.AddSingleton<IRunProgress>(ConsoleRunProgress.ForStandardError());
        return new VerbContext(builder.Build(), settings);
    }

    public void Dispose() => _host.Dispose();
}
