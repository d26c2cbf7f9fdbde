using KpiIngest.Core.Scorecard;

namespace KpiIngest.Worker.Configuration;

/// <summary>Section Scorecard (scorecard.md): the QĐ 766 scorecard estimate written beside the snapshots.</summary>
public sealed class ScorecardOptions
{
    public const string Section = "Scorecard";

    /// <summary>False: no kpi_scorecard rows are written.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Item code to points, for the items no dossier database carries (PUBLISH_ON_TIME, PUBLIC_UPDATE_ON_TIME,
    /// PUBLIC_CONTENT_FULL, PETITION_ON_TIME, PETITION_SATISFACTION) and CERTIFIED_COPY: the portal's last published values.
    /// </summary>
    public Dictionary<string, decimal> Entered { get; set; } = [];
}

/// <summary>Section Scorecard: every entered code an enterable item, its points within 0..max with at most 2 decimals.</summary>
public sealed class ScorecardOptionsValidator : SectionValidator<ScorecardOptions>
{
    protected override void Check(ScorecardOptions options)
    {
        foreach (var (code, points) in options.Entered.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (EnteredPoints.Problem(code, points) is { } problem)
            {
                throw new ConfigurationException($"{ScorecardOptions.Section}:Entered:{code} {problem}.");
            }
        }
    }
}
