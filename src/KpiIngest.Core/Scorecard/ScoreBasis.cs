namespace KpiIngest.Core.Scorecard;

/// <summary>How a scorecard item's points were found (scorecard.md, "Basis"); stored upper-case.</summary>
public enum ScoreBasis
{
    /// <summary>The portal's rule on the province's data.</summary>
    Exact,

    /// <summary>A rule reconstructed with less evidence.</summary>
    Provisional,

    /// <summary>A stand-in used because the source lacks the data.</summary>
    Proxy,

    /// <summary>A value from Scorecard:Entered.</summary>
    Entered,

    /// <summary>Nothing to compute it from and nothing entered.</summary>
    Missing,
}
