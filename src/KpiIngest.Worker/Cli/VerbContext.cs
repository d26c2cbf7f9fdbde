using KpiIngest.Worker.Configuration;
using KpiIngest.Worker.Display;
using KpiIngest.Worker.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KpiIngest.Worker.Cli;

/// <summary>The configured services one verb runs with, built after the sections it uses passed every check.</summary>
public sealed class VerbContext : IDisposable
{
    private readonly IHost _host;

    private VerbContext(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public T Get<T>()
        where T : notnull => _host.Services.GetRequiredService<T>();

    /// <summary>Throws <see cref="ConfigurationException"/> when a section in <paramref name="needs"/> (default: every section) is bad.</summary>
    public static VerbContext Create(
        string? configFile, IReadOnlyDictionary<string, string?>? overrides = null, string? contentRoot = null,
        ConfigurationNeeds? needs = null)
    {
        var builder = KpiHost.CreateBuilder(configFile, overrides, contentRoot);
        builder.AddKpiIngest();

        // A verb runs in front of a person (or a script): it shows its progress, which the service does not.
        builder.Services.AddSingleton<IRunProgress>(ConsoleRunProgress.ForStandardError());
        var host = builder.Build();
        try
        {
            KpiOptions.Check(host.Services, host.Services.GetRequiredService<IConfiguration>(), needs ?? ConfigurationNeeds.Everything);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new VerbContext(host);
    }

    public void Dispose() => _host.Dispose();
}
