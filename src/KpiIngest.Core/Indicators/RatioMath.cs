namespace KpiIngest.Core.Indicators;

/// <summary>
/// The exact arithmetic of indicators.md ("Ratios and rounding", "Alerts"), in decimal from the integer
/// counts: comparisons never go through the rounded ratio, so 19,999 of 20,000 shows 100.00 and still misses 100.
/// </summary>
public static class RatioMath
{
    /// <summary>100 × N / D rounded half away from zero to 2 decimals; null when D = 0 (no data).</summary>
    public static decimal? Ratio(long numerator, long denominator) =>
        denominator == 0
            ? null
            : Math.Round(100m * numerator / denominator, 2, MidpointRounding.AwayFromZero);

    /// <summary>100 × N >= target × D, exactly; null when there is no target or no data.</summary>
    public static bool? Met(long numerator, long denominator, decimal? target) =>
        target is null || denominator == 0 ? null : 100m * numerator >= target.Value * denominator;

    /// <summary>CRITICAL when 100 × N &lt; (target − gap points) × D, exactly.</summary>
    public static bool IsCritical(long numerator, long denominator, decimal target, decimal criticalGapPoints) =>
        100m * numerator < (target - criticalGapPoints) * denominator;

    /// <summary>ceil(target × D / 100) − N: how many more must count in N, with D unchanged; 0 once met.</summary>
    public static long Shortfall(long numerator, long denominator, decimal target) =>
        Math.Max(0, (long)Math.Ceiling(target * denominator / 100m) - numerator);

    /// <summary>target − ratio in percentage points, from the rounded ratio as displayed; null without both.</summary>
    public static decimal? Gap(decimal? ratio, decimal? target) => ratio is null || target is null ? null : target - ratio;
}
