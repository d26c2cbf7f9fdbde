namespace KpiIngest.Core.Scorecard;

/// <summary>
/// The rule set the scorecard estimate follows (scorecard.md): the portal's rules as observed in 2026. The portal
/// changes its rules over time, so every surface that shows a score names the rule set it was computed with.
/// </summary>
public static class ScorecardRuleSet
{
    public const string Name = "DVCQG 2026";

    /// <summary>The code of the total's row in kpi_scorecard (item and group_code).</summary>
    public const string Total = "TOTAL";

    /// <summary>The full score.</summary>
    public const int MaxPoints = 100;
}
