namespace KpiIngest.Worker.Configuration;

/// <summary>Section Retention: every horizon at least a day.</summary>
public sealed class RetentionOptionsValidator : SectionValidator<RetentionOptions>
{
    protected override void Check(RetentionOptions options)
    {
        Require(options.DailyRowsDays >= 1, "Retention:DailyRowsDays must be 1 or more.");
        Require(options.RunsDays >= 1, "Retention:RunsDays must be 1 or more.");
        Require(options.QuarantineClearedDays >= 1, "Retention:QuarantineClearedDays must be 1 or more.");
    }
}

/// <summary>Section Service: the stop timeout, then the lease and the health endpoint (<see cref="Service.ServiceSettingsCheck"/>).</summary>
public sealed class ServiceOptionsValidator : SectionValidator<ServiceOptions>
{
    protected override void Check(ServiceOptions options)
    {
        Require(options.StopTimeout > TimeSpan.Zero, "Service:StopTimeout must be positive.");
        Service.ServiceSettingsCheck.Check(options);
    }
}
