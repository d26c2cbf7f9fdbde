using KpiIngest.Core.Periods;
using Microsoft.Extensions.Options;

namespace KpiIngest.Worker.Configuration;

/// <summary>
/// The periods computed (Snapshots:Periods, default DAY, MTD, YTD) and those alerted on (Alerts:Periods, default MTD),
/// parsed once, without repeats. Their owner: every component takes the lists from here.
/// </summary>
public sealed record ReportingPeriods(IReadOnlyList<PeriodKind> Snapshots, IReadOnlyList<PeriodKind> Alerts)
{
    public static ReportingPeriods From(IOptions<SnapshotsOptions> snapshots, IOptions<AlertsOptions> alerts)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        ArgumentNullException.ThrowIfNull(alerts);
        return new ReportingPeriods(
            Parse(snapshots.Value.Periods, "Snapshots:Periods", PeriodKinds.Default),
            Parse(alerts.Value.Periods, "Alerts:Periods", [PeriodKind.Mtd]));
    }

    /// <summary>Throws <see cref="ConfigurationException"/> for the first item that is not a period.</summary>
    public static IReadOnlyList<PeriodKind> Parse(List<string> configured, string key, IReadOnlyList<PeriodKind> defaults)
    {
        ArgumentNullException.ThrowIfNull(configured);
        if (configured.Count == 0)
        {
            return defaults;
        }

        var periods = new List<PeriodKind>();
        for (var i = 0; i < configured.Count; i++)
        {
            if (!PeriodKinds.TryParse(configured[i], out var period))
            {
                throw new ConfigurationException($"{key}:{i} '{configured[i]}' is not one of DAY, MTD, QTD, YTD.");
            }

            if (!periods.Contains(period))
            {
                periods.Add(period);
            }
        }

        return periods;
    }
}

/// <summary>Section Snapshots: the periods and the restatement horizon.</summary>
public sealed class SnapshotsOptionsValidator : SectionValidator<SnapshotsOptions>
{
    protected override void Check(SnapshotsOptions options)
    {
        _ = ReportingPeriods.Parse(options.Periods, "Snapshots:Periods", PeriodKinds.Default);
        Require(options.RestateMonths is >= 0 and <= 120, "Snapshots:RestateMonths must be between 0 and 120.");
    }
}

/// <summary>Section Alerts, and the one rule across sections: an alerted period must be computed (Snapshots:Periods).</summary>
public sealed class AlertsOptionsValidator(IOptions<SnapshotsOptions> snapshots) : SectionValidator<AlertsOptions>
{
    protected override void Check(AlertsOptions options)
    {
        var computed = ReportingPeriods.Parse(snapshots.Value.Periods, "Snapshots:Periods", PeriodKinds.Default);
        foreach (var period in ReportingPeriods.Parse(options.Periods, "Alerts:Periods", [PeriodKind.Mtd]).Where(p => !computed.Contains(p)))
        {
            throw new ConfigurationException($"Alerts:Periods lists {period.Text()}, which Snapshots:Periods does not compute.");
        }

        Require(options.MinDenominator >= 1, "Alerts:MinDenominator must be 1 or more.");
        Require(options.CriticalGapPoints is >= 0 and <= 100, "Alerts:CriticalGapPoints must be between 0 and 100.");
    }
}
