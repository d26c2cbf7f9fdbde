using KpiIngest.Core.Periods;
using KpiIngest.Core.Tests.Support;
using Shouldly;

namespace KpiIngest.Core.Tests.Periods;

/// <summary>indicators.md, "Periods": DAY [S, S], MTD/QTD/YTD from the first day of S's month/quarter/year.</summary>
public sealed class PeriodKindTests
{
    [Theory]
    [InlineData(PeriodKind.Day, "2024-04-01", "2024-04-01")]
    [InlineData(PeriodKind.Day, "2024-02-29", "2024-02-29")]
    [InlineData(PeriodKind.Mtd, "2024-04-01", "2024-04-01")]
    [InlineData(PeriodKind.Mtd, "2024-03-31", "2024-03-01")]
    [InlineData(PeriodKind.Mtd, "2024-02-29", "2024-02-01")]
    [InlineData(PeriodKind.Mtd, "2024-12-31", "2024-12-01")]
    [InlineData(PeriodKind.Qtd, "2024-01-01", "2024-01-01")]
    [InlineData(PeriodKind.Qtd, "2024-02-29", "2024-01-01")]
    [InlineData(PeriodKind.Qtd, "2024-03-31", "2024-01-01")]
    [InlineData(PeriodKind.Qtd, "2024-04-01", "2024-04-01")]
    [InlineData(PeriodKind.Qtd, "2024-06-30", "2024-04-01")]
    [InlineData(PeriodKind.Qtd, "2024-07-01", "2024-07-01")]
    [InlineData(PeriodKind.Qtd, "2024-09-30", "2024-07-01")]
    [InlineData(PeriodKind.Qtd, "2024-10-01", "2024-10-01")]
    [InlineData(PeriodKind.Qtd, "2024-12-31", "2024-10-01")]
    [InlineData(PeriodKind.Ytd, "2024-01-01", "2024-01-01")]
    [InlineData(PeriodKind.Ytd, "2024-02-29", "2024-01-01")]
    [InlineData(PeriodKind.Ytd, "2024-12-31", "2024-01-01")]
    public void Start_AsOfDate_IsFirstDayOfThePeriod(PeriodKind kind, string asOf, string expected)
    {
        kind.Start(Dates.Day(asOf)).ShouldBe(Dates.Day(expected));
    }

    [Theory]
    [InlineData(PeriodKind.Day, "2024-04-30", "2024-04-30")]
    [InlineData(PeriodKind.Mtd, "2024-02-10", "2024-02-29")]
    [InlineData(PeriodKind.Mtd, "2023-02-10", "2023-02-28")]
    [InlineData(PeriodKind.Mtd, "2024-04-01", "2024-04-30")]
    [InlineData(PeriodKind.Qtd, "2024-05-15", "2024-06-30")]
    [InlineData(PeriodKind.Qtd, "2024-11-01", "2024-12-31")]
    [InlineData(PeriodKind.Ytd, "2024-02-29", "2024-12-31")]
    public void End_Day_IsLastDayOfTheCalendarPeriod(PeriodKind kind, string day, string expected)
    {
        kind.End(Dates.Day(day)).ShouldBe(Dates.Day(expected));
    }

    [Theory]
    [InlineData(PeriodKind.Day, "DAY")]
    [InlineData(PeriodKind.Mtd, "MTD")]
    [InlineData(PeriodKind.Qtd, "QTD")]
    [InlineData(PeriodKind.Ytd, "YTD")]
    public void Text_Kind_IsStableCode(PeriodKind kind, string expected)
    {
        kind.Text().ShouldBe(expected);
    }

    [Theory]
    [InlineData("DAY", PeriodKind.Day)]
    [InlineData("MTD", PeriodKind.Mtd)]
    [InlineData("QTD", PeriodKind.Qtd)]
    [InlineData("YTD", PeriodKind.Ytd)]
    public void TryParse_StableCode_ReturnsKind(string text, PeriodKind expected)
    {
        PeriodKinds.TryParse(text, out var kind).ShouldBeTrue();
        kind.ShouldBe(expected);
    }

    [Theory]
    [InlineData("WEEK")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_UnknownCode_ReturnsFalse(string? text)
    {
        PeriodKinds.TryParse(text, out _).ShouldBeFalse();
    }

    [Fact]
    public void Default_Kinds_AreDayMtdYtdWithQtdOff()
    {
        PeriodKinds.Default.ShouldBe([PeriodKind.Day, PeriodKind.Mtd, PeriodKind.Ytd], ignoreOrder: true);
    }
}
