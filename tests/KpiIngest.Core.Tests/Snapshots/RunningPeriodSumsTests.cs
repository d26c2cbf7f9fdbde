using KpiIngest.Core.Facts;
using KpiIngest.Core.Periods;
using KpiIngest.Core.Snapshots;
using KpiIngest.Core.Source;
using KpiIngest.Core.Tests.Support;
using Shouldly;

namespace KpiIngest.Core.Tests.Snapshots;

/// <summary>
/// indicators.md, "Periods": walking days in order, each period kind's sums cover [start of the period, day]:
/// DAY restarts every day, MTD on the 1st, QTD on 1 Jan/Apr/Jul/Oct, YTD on 1 January.
/// </summary>
public sealed class RunningPeriodSumsTests
{
    private static readonly PairKey Pair = new("U1", "P1");
    private static readonly DayCounts OneReceived = new() { Received = 1 };

    private static RunningPeriodSums CreateSut() =>
        new([PeriodKind.Day, PeriodKind.Mtd, PeriodKind.Qtd, PeriodKind.Ytd]);

    /// <summary>One received dossier on each of <paramref name="days"/>, in order.</summary>
    private static RunningPeriodSums Walk(params string[] days)
    {
        var sut = CreateSut();
        foreach (var day in days)
        {
            sut.BeginDay(Dates.Day(day));
            sut.Add(Pair, OneReceived);
        }

        return sut;
    }

    private static long Received(RunningPeriodSums sut, PeriodKind kind) =>
        sut.Sums(kind).GetValueOrDefault(Pair).Received;

    [Theory]
    [InlineData(PeriodKind.Day, 1)]
    [InlineData(PeriodKind.Mtd, 1)]
    [InlineData(PeriodKind.Qtd, 2)]
    [InlineData(PeriodKind.Ytd, 2)]
    public void BeginDay_FirstOfMonth_ClearsMtdOnly(PeriodKind kind, long expected)
    {
        Received(Walk("2024-05-31", "2024-06-01"), kind).ShouldBe(expected);
    }

    [Theory]
    [InlineData(PeriodKind.Day, 1)]
    [InlineData(PeriodKind.Mtd, 1)]
    [InlineData(PeriodKind.Qtd, 1)]
    [InlineData(PeriodKind.Ytd, 2)]
    public void BeginDay_QuarterStart_ClearsMtdAndQtd(PeriodKind kind, long expected)
    {
        Received(Walk("2024-06-30", "2024-07-01"), kind).ShouldBe(expected);
    }

    [Theory]
    [InlineData(PeriodKind.Day, 1)]
    [InlineData(PeriodKind.Mtd, 1)]
    [InlineData(PeriodKind.Qtd, 1)]
    [InlineData(PeriodKind.Ytd, 1)]
    public void BeginDay_FirstOfJanuary_ClearsEveryPeriod(PeriodKind kind, long expected)
    {
        Received(Walk("2024-12-31", "2025-01-01"), kind).ShouldBe(expected);
    }

    [Theory]
    [InlineData(PeriodKind.Day, 1)]
    [InlineData(PeriodKind.Mtd, 3)]
    [InlineData(PeriodKind.Qtd, 3)]
    [InlineData(PeriodKind.Ytd, 3)]
    public void BeginDay_WithinMonth_ClearsDayOnly(PeriodKind kind, long expected)
    {
        Received(Walk("2024-04-10", "2024-04-11", "2024-04-12"), kind).ShouldBe(expected);
    }

    [Theory]
    [InlineData(PeriodKind.Day, 1)]
    [InlineData(PeriodKind.Mtd, 1)]
    [InlineData(PeriodKind.Qtd, 3)]
    [InlineData(PeriodKind.Ytd, 3)]
    public void BeginDay_LeapDayThenMarchFirst_ClearsMtd(PeriodKind kind, long expected)
    {
        Received(Walk("2024-02-28", "2024-02-29", "2024-03-01"), kind).ShouldBe(expected);
    }

    [Fact]
    public void BeginDay_DayWithoutRows_DaySumIsEmpty()
    {
        var sut = Walk("2024-04-10");

        sut.BeginDay(Dates.Day("2024-04-11"));

        Received(sut, PeriodKind.Day).ShouldBe(0);
        Received(sut, PeriodKind.Mtd).ShouldBe(1);
    }

    [Fact]
    public void BeginDay_SkippingTheFirstOfMonth_StillClearsMtd()
    {
        var sut = Walk("2024-04-30", "2024-05-02");

        Received(sut, PeriodKind.Mtd).ShouldBe(1);
    }

    [Fact]
    public void BeginDay_SkippingAYear_ClearsYtd()
    {
        var sut = Walk("2024-03-15", "2025-03-20");

        Received(sut, PeriodKind.Ytd).ShouldBe(1);
    }

    [Fact]
    public void Add_SamePairTwiceOnADay_Accumulates()
    {
        var sut = Walk("2024-04-10");

        sut.Add(Pair, new DayCounts { Received = 1, Online = 1 });

        var day = sut.Sums(PeriodKind.Day)[Pair];
        (day.Received, day.Online).ShouldBe((2, 1));
    }

    [Fact]
    public void BeginDay_SameOrEarlierDay_Throws()
    {
        var sut = Walk("2024-04-10");

        Should.Throw<InvalidOperationException>(() => sut.BeginDay(Dates.Day("2024-04-10")));
    }

    /// <summary>Started on 30 June from sums "given" per period start (received = the start's day of month), then walked into July.</summary>
    [Theory]
    [InlineData(PeriodKind.Day, 1)] // 1 July alone
    [InlineData(PeriodKind.Mtd, 1)] // July restarts
    [InlineData(PeriodKind.Qtd, 1)] // so does the quarter
    [InlineData(PeriodKind.Ytd, 2)] // the year goes on from its started sum: 1 (started at 1 January) + 1
    public void StartAt_ThenBeginDay_GoesOnFromTheStartedSums(PeriodKind kind, long expected)
    {
        var sut = CreateSut();
        var asked = new List<DateOnly>();
        sut.StartAt(Dates.Day("2024-06-30"), start =>
        {
            asked.Add(start);
            return new Dictionary<PairKey, DayCounts> { [Pair] = new() { Received = start.Day } };
        });

        sut.BeginDay(Dates.Day("2024-07-01"));
        sut.Add(Pair, OneReceived);

        Received(sut, kind).ShouldBe(expected);
        asked.Order().ShouldBe([Dates.Day("2024-01-01"), Dates.Day("2024-04-01"), Dates.Day("2024-06-01"), Dates.Day("2024-06-30")]);
    }

    [Fact]
    public void StartAt_HoldsEachPeriodsSumsAsGiven()
    {
        var sut = CreateSut();
        sut.StartAt(Dates.Day("2024-06-30"), start => new Dictionary<PairKey, DayCounts> { [Pair] = new() { Received = start.Month } });

        Received(sut, PeriodKind.Day).ShouldBe(6);
        Received(sut, PeriodKind.Mtd).ShouldBe(6);
        Received(sut, PeriodKind.Qtd).ShouldBe(4);
        Received(sut, PeriodKind.Ytd).ShouldBe(1);
        sut.CurrentDay.ShouldBe(Dates.Day("2024-06-30"));
    }

    [Fact]
    public void StartAt_AfterADay_Throws()
    {
        var sut = Walk("2024-06-01");

        Should.Throw<InvalidOperationException>(() => sut.StartAt(Dates.Day("2024-06-30"), _ => new Dictionary<PairKey, DayCounts>()));
    }
}
