namespace KpiIngest.Worker.Configuration;

/// <summary>Section Service.</summary>
public sealed class ServiceOptions
{
    public const string Section = "Service";

    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromMinutes(1);

    public HealthOptions Health { get; set; } = new();

    public LeaseOptions Lease { get; set; } = new();
}

public sealed class HealthOptions
{
    public bool Enabled { get; set; }

    public string Urls { get; set; } = "http://127.0.0.1:5080";

    /// <summary>The key the dashboard asks for; required when Urls reach beyond loopback, unless AllowAnonymous.</summary>
    public string? AccessKey { get; set; }

    /// <summary>True when a dashboard beyond loopback without an access key is intended (e.g. behind an authenticating proxy).</summary>
    public bool AllowAnonymous { get; set; }
}
