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
}
