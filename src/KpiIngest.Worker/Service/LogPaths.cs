using Microsoft.Extensions.Configuration;

namespace KpiIngest.Worker.Service;

/// <summary>
/// Serilog's file sink opens a relative "path" against the working directory, which is System32 for a Windows
/// service and / for a systemd unit. Every Serilog "path" argument is made absolute against the content root first.
/// </summary>
public static class LogPaths
{
    public static IConfiguration Resolve(IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var resolved = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        Collect(configuration.GetSection("Serilog"), contentRoot, resolved);
        return resolved.Count == 0
            ? configuration
            : new ConfigurationBuilder().AddConfiguration(configuration).AddInMemoryCollection(resolved).Build();
    }

    private static void Collect(IConfigurationSection section, string contentRoot, Dictionary<string, string?> resolved)
    {
        foreach (var child in section.GetChildren())
        {
            if (string.Equals(child.Key, "path", StringComparison.OrdinalIgnoreCase)
                && !string.IsNullOrWhiteSpace(child.Value) && !Path.IsPathRooted(child.Value))
            {
                resolved[child.Path] = Path.GetFullPath(Path.Combine(contentRoot, child.Value));
            }

            Collect(child, contentRoot, resolved);
        }
    }
}
