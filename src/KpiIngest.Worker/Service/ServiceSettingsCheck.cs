using KpiIngest.Worker.Configuration;

namespace KpiIngest.Worker.Service;

/// <summary>Checks the Service section beyond StopTimeout, in the one-sentence style of the section validators (ServiceOptionsValidator calls it).</summary>
public static class ServiceSettingsCheck
{
    public static void Check(ServiceOptions service)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (service.Lease.Expiry < TimeSpan.FromSeconds(10) || service.Lease.Expiry > TimeSpan.FromDays(1))
        {
            throw new ConfigurationException("Service:Lease:Expiry must be between 00:00:10 and 1.00:00:00.");
        }

        if (service.Lease.Wait < TimeSpan.Zero || service.Lease.Wait > TimeSpan.FromDays(1))
        {
            throw new ConfigurationException("Service:Lease:Wait must be between 00:00:00 and 1.00:00:00.");
        }

        var urls = HealthUrls(service.Health);
        if (service.Health.Enabled && string.IsNullOrEmpty(service.Health.AccessKey) && !service.Health.AllowAnonymous
            && !DashboardAccess.ListensOnLoopbackOnly(urls))
        {
            throw new ConfigurationException(
                "Service:Health:AccessKey is not set but Service:Health:Urls listens beyond loopback: set an access key for the dashboard, or Service:Health:AllowAnonymous to true if anonymous access is intended.");
        }
    }

    /// <summary>Service:Health:Urls split on ';', each an absolute http:// URL (TLS belongs to a reverse proxy).</summary>
    public static IReadOnlyList<string> HealthUrls(HealthOptions health)
    {
        ArgumentNullException.ThrowIfNull(health);
        var urls = (health.Urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (urls.Length == 0)
        {
            throw new ConfigurationException("Service:Health:Urls is empty: give at least one http:// URL, e.g. http://127.0.0.1:5080.");
        }

        foreach (var url in urls)
        {
            // Kestrel also takes * and + for "every address"; Uri does not, so check those as 0.0.0.0.
            var probe = url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
            if (!Uri.TryCreate(probe, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp
                || uri.AbsolutePath != "/" || uri.Port is < 0 or > 65535)
            {
                throw new ConfigurationException(
                    $"Service:Health:Urls '{url}' is not an http:// URL with a host and port (e.g. http://127.0.0.1:5080).");
            }
        }

        return urls;
    }
}
