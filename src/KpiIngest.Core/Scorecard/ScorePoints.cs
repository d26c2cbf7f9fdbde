namespace KpiIngest.Core.Scorecard;

/// <summary>
/// An item's points as the portal computes them (scorecard.md, "Points, groups and the total"): the rule is one exact
/// fraction of integers, min(cap, k·N/D) with k = <c>factorNumerator/factorDenominator</c>, rounded once, half away from
/// zero, to 2 decimals. Working on integers matters: 6·7/48 is exactly 0.875 and gives 0.88, while a quotient taken
/// first (7/48 = 0.1458333…, times 6) lands just below the midpoint and gives 0.87.
/// </summary>
public static class ScorePoints
{
    /// <summary>
    /// min(<paramref name="cap"/>, factorNumerator·N / (factorDenominator·D)) rounded half away from zero to 2
    /// decimals; 0 when D = 0 (the portal scores an empty ratio as 0).
    /// </summary>
    public static decimal Of(long numerator, long denominator, int factorNumerator, int factorDenominator, int cap)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(denominator);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(factorDenominator);
        if (denominator == 0)
        {
            return 0m;
        }

        var p = (Int128)factorNumerator * numerator;
        var q = (Int128)factorDenominator * denominator;
        return p >= cap * q ? cap : RoundHalfAwayFromZero(p, q);
    }

    /// <summary>p/q (q &gt; 0) rounded half away from zero to 2 decimals, exactly.</summary>
    public static decimal RoundHalfAwayFromZero(Int128 p, Int128 q)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(q);
        var magnitude = Int128.Abs(p);

        // round(100·|p|/q) = floor((200·|p| + q) / 2q): adding a half before flooring rounds a midpoint up, away from 0.
        var hundredths = (200 * magnitude + q) / (2 * q);
        var rounded = (decimal)hundredths / 100m;
        return p < 0 ? -rounded : rounded;
    }
}
