namespace KpiIngest.Worker.Configuration;

/// <summary>Section Service:Lease: the run lease in kpi_lease that keeps runs from overlapping, across processes.</summary>
public sealed class LeaseOptions
{
    /// <summary>A holder renews the lease while it works; one that died lets it lapse this long after its last renewal.</summary>
    public TimeSpan Expiry { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a run waits for a lease another run holds before it is recorded FAILED.</summary>
    public TimeSpan Wait { get; set; } = TimeSpan.FromMinutes(10);
}
