using KpiIngest.Core.Indicators;
using KpiIngest.Core.Tests.Support;
using Shouldly;

namespace KpiIngest.Core.Tests.Indicators;

/// <summary>indicators.md, "Ratios and rounding" and "Alerts" (severity, shortfall).</summary>
public sealed class RatioMathTests
{
    [Theory]
    [InlineData(1, 3, "33.33")]
    [InlineData(2, 3, "66.67")]
    [InlineData(1, 8, "12.50")]
    [InlineData(1, 16, "6.25")]
    [InlineData(0, 7, "0")]
    [InlineData(7, 7, "100")]
    [InlineData(3, 1600, "0.19")]
    [InlineData(201, 20000, "1.01")] // SQLite's round(100.0*201/20000, 2) gives 1.0
    [InlineData(19999, 20000, "100.00")]
    public void Ratio_NonZeroDenominator_IsHundredTimesNOverDRoundedToTwoDecimals(long n, long d, string expected)
    {
        RatioMath.Ratio(n, d).ShouldBe(Dates.Dec(expected));
    }

    [Theory]
    [InlineData(1, 800, "0.13")]  // 0.125: half-even would give 0.12
    [InlineData(5, 800, "0.63")]  // 0.625
    [InlineData(21, 800, "2.63")] // 2.625
    [InlineData(1, 32, "3.13")]   // 3.125
    [InlineData(1, 400, "0.25")]  // exact, no rounding
    public void Ratio_ExactMidpoint_RoundsHalfAwayFromZero(long n, long d, string expected)
    {
        RatioMath.Ratio(n, d).ShouldBe(Dates.Dec(expected));
    }

    [Fact]
    public void Ratio_ZeroDenominator_IsNull()
    {
        RatioMath.Ratio(0, 0).ShouldBeNull();
    }

    [Fact]
    public void Met_ZeroDenominator_IsNull()
    {
        RatioMath.Met(0, 0, 50m).ShouldBeNull();
    }

    [Fact]
    public void Met_NoTarget_IsNull()
    {
        RatioMath.Met(5, 10, null).ShouldBeNull();
    }

    [Fact]
    public void Met_ExactlyOnTarget_IsMet()
    {
        RatioMath.Met(50, 100, 50m).ShouldBe(true);
    }

    [Fact]
    public void Met_OneShortOfTarget_IsNotMet()
    {
        RatioMath.Met(49, 100, 50m).ShouldBe(false);
    }

    [Fact]
    public void Met_19999Of20000AgainstTarget100_IsNotMetAlthoughRatioShows100()
    {
        RatioMath.Met(19_999, 20_000, 100m).ShouldBe(false);
    }

    [Theory]
    [InlineData(1, 3, "33.33", true)]  // 100 >= 99.99
    [InlineData(1, 3, "33.34", false)] // 100 < 100.02
    public void Met_FractionalTarget_ComparesExactly(long n, long d, string target, bool expected)
    {
        RatioMath.Met(n, d, Dates.Dec(target)).ShouldBe(expected);
    }

    [Theory]
    [InlineData(39, 100, true)]  // 3900 < 4000
    [InlineData(40, 100, false)] // exactly target − 10 points: WARNING
    [InlineData(45, 100, false)]
    [InlineData(0, 10, true)]
    public void IsCritical_Target50Gap10_IsBelowTargetMinusGapExactly(long n, long d, bool expected)
    {
        RatioMath.IsCritical(n, d, 50m, 10m).ShouldBe(expected);
    }

    [Theory]
    [InlineData(1, 3, "50", 1)]          // ceil(1.5) − 1
    [InlineData(0, 10, "45", 5)]         // ceil(4.5) − 0
    [InlineData(19999, 20000, "100", 1)]
    [InlineData(7, 100, "100", 93)]
    public void Shortfall_Missed_IsCeilTargetTimesDOver100MinusN(long n, long d, string target, long expected)
    {
        RatioMath.Shortfall(n, d, Dates.Dec(target)).ShouldBe(expected);
    }

    [Theory]
    [InlineData(50, 100, "50")]
    [InlineData(80, 100, "50")]
    [InlineData(1, 3, "33.33")]
    public void Shortfall_Met_IsZero(long n, long d, string target)
    {
        RatioMath.Shortfall(n, d, Dates.Dec(target)).ShouldBe(0);
    }

    [Fact]
    public void Gap_RatioBelowTarget_IsTargetMinusRatio()
    {
        RatioMath.Gap(44.7m, 50m).ShouldBe(5.3m);
    }

    [Fact]
    public void Gap_NoData_IsNull()
    {
        RatioMath.Gap(null, 50m).ShouldBeNull();
    }

    [Fact]
    public void Gap_NoTarget_IsNull()
    {
        RatioMath.Gap(95m, null).ShouldBeNull();
    }
}
