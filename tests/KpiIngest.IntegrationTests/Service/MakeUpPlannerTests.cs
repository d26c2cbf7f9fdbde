using System.Globalization;
using KpiIngest.IntegrationTests.Infrastructure;
using KpiIngest.Worker.Service;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Service;

/// <summary>
/// Make-up runs are derived from kpi_run, with the default schedules (day-close 00:30, poll every 15 minutes) in
/// Asia/Ho_Chi_Minh (UTC+7, no DST) and a fake clock. "Last closed" is MAX(as_of) of SUCCEEDED day-close runs.
/// </summary>
public sealed class MakeUpPlannerTests
{
    private const string DayClose = "0 30 0 * * ?";
    private const string Poll = "0 0/15 * * * ?";

    [Fact]
    public void MissedDayCloses_DownOverYearEnd_EachMissedDayOnceInOrder()
    {
        // Last closed 29 Dec (at 00:30 on the 30th); down from the 30th until 00:45 on 2 January.
        var sut = CreateSut("2025-01-02 00:45:00");

        var plan = sut.MissedDayCloses(Day("2024-12-29"));

        plan.Days.ShouldBe([Day("2024-12-30"), Day("2024-12-31"), Day("2025-01-01")]);
        plan.LeftOut.ShouldBe(0);
    }

    [Fact]
    public void MissedDayCloses_DownOverMonthEnd_ClosesTheLastDayOfTheMonth()
    {
        var sut = CreateSut("2024-05-01 08:00:00");

        sut.MissedDayCloses(Day("2024-04-28")).Days.ShouldBe([Day("2024-04-29"), Day("2024-04-30")]);
    }

    [Fact]
    public void MissedDayCloses_OverLeapDay_IncludesTheTwentyNinth()
    {
        var sut = CreateSut("2024-03-01 09:00:00");

        sut.MissedDayCloses(Day("2024-02-27")).Days.ShouldBe([Day("2024-02-28"), Day("2024-02-29")]);
    }

    [Fact]
    public void MissedDayCloses_At0001_YesterdayIsNotMissedYet()
    {
        // 31 Dec ended a minute ago; its day-close fires at 00:30, so the schedule, not a make-up, closes it.
        var sut = CreateSut("2025-01-01 00:01:00");

        sut.MissedDayCloses(Day("2024-12-30")).Days.ShouldBeEmpty();
    }

    [Fact]
    public void MissedDayCloses_At0031_YesterdayIsMissed()
    {
        var sut = CreateSut("2025-01-01 00:31:00");

        sut.MissedDayCloses(Day("2024-12-30")).Days.ShouldBe([Day("2024-12-31")]);
    }

    [Fact]
    public void MissedDayCloses_At2359_TodayIsNotOverAndYesterdayWasDueAt0030()
    {
        var sut = CreateSut("2024-12-31 23:59:00");

        sut.MissedDayCloses(Day("2024-12-29")).Days.ShouldBe([Day("2024-12-30")]);
    }

    [Fact]
    public void MissedDayCloses_EvaluatedInSourceTimeZone_NotUtc()
    {
        // 17:29 UTC is 00:29 in Ho Chi Minh City: not due yet; at 17:31 UTC (00:31 local) it is.
        var early = new MakeUpPlanner(new FakeTimeProvider(Utc("2024-06-10 17:29:00")), Zones.HoChiMinh, DayClose, Poll);
        var late = new MakeUpPlanner(new FakeTimeProvider(Utc("2024-06-10 17:31:00")), Zones.HoChiMinh, DayClose, Poll);

        early.MissedDayCloses(Day("2024-06-09")).Days.ShouldBeEmpty();
        late.MissedDayCloses(Day("2024-06-09")).Days.ShouldBe([Day("2024-06-10")]);
    }

    [Fact]
    public void MissedDayCloses_AlreadyClosedYesterday_NothingToMakeUp()
    {
        var sut = CreateSut("2024-06-11 10:00:00");

        sut.MissedDayCloses(Day("2024-06-10")).Days.ShouldBeEmpty();
    }

    [Fact]
    public void MissedDayCloses_NoDayCloseEverRecorded_ClosesOnlyTheLatestDueDay()
    {
        var sut = CreateSut("2024-06-11 10:00:00");

        sut.MissedDayCloses(null).Days.ShouldBe([Day("2024-06-10")]);
    }

    [Fact]
    public void MissedDayCloses_NoDayCloseEverRecordedJustAfterMidnight_ClosesTheDayBefore()
    {
        var sut = CreateSut("2024-06-11 00:10:00");

        sut.MissedDayCloses(null).Days.ShouldBe([Day("2024-06-09")]);
    }

    [Fact]
    public void MissedDayCloses_DownForTwoYears_MakesUpTheLatest366AndLeavesTheRestToBackfill()
    {
        var sut = CreateSut("2025-06-01 12:00:00");

        var plan = sut.MissedDayCloses(Day("2023-05-31"));

        plan.Days.Count.ShouldBe(MakeUpPlanner.MaxDayCloses);
        plan.Days[^1].ShouldBe(Day("2025-05-31"));
        plan.Days.Zip(plan.Days.Skip(1)).ShouldAllBe(pair => pair.Second == pair.First.AddDays(1));
        plan.LeftOut.ShouldBe(Day("2025-05-31").DayNumber - Day("2023-05-31").DayNumber - MakeUpPlanner.MaxDayCloses);
    }

    [Theory]
    [InlineData("2024-06-16 12:00:00", new string[0])]                                    // Sunday noon: nothing fired since Friday
    [InlineData("2024-06-17 08:00:00", new[] { "2024-06-14", "2024-06-15", "2024-06-16" })] // Monday: Friday to Sunday
    public void MissedDayCloses_WeekdayOnlySchedule_DaysBecomeDueAtTheNextFiring(string localNow, string[] expected)
    {
        // Closes fire Monday to Friday at 00:30: a day's close is due at the first firing after it ended.
        var sut = new MakeUpPlanner(AtLocal(localNow), Zones.HoChiMinh, "0 30 0 ? * MON-FRI", Poll);

        sut.MissedDayCloses(Day("2024-06-13")).Days.ShouldBe(expected.Select(Day).ToList());
    }

    [Fact]
    public void ScheduledDayCloses_Normally_ClosesYesterday()
    {
        var sut = CreateSut("2025-01-01 00:30:00");

        sut.ScheduledDayCloses(Day("2024-12-30")).Days.ShouldBe([Day("2024-12-31")]);
    }

    [Fact]
    public void ScheduledDayCloses_YesterdayAlreadyClosed_ClosesItAgain()
    {
        var sut = CreateSut("2025-01-01 00:30:00");

        sut.ScheduledDayCloses(Day("2024-12-31")).Days.ShouldBe([Day("2024-12-31")]);
    }

    [Fact]
    public void ScheduledDayCloses_EarlierCloseFailed_ClosesTheGapFirst()
    {
        var sut = CreateSut("2025-03-01 00:30:00");

        sut.ScheduledDayCloses(Day("2025-02-26")).Days.ShouldBe([Day("2025-02-27"), Day("2025-02-28")]);
    }

    [Fact]
    public void PollMissed_NoPollEver_IsTrue()
    {
        CreateSut("2024-06-11 10:00:00").PollMissed(null).ShouldBeTrue();
    }

    [Fact]
    public void PollMissed_LastPollWithinOneInterval_IsFalse()
    {
        var sut = CreateSut("2024-06-11 10:07:00");

        sut.PollMissed(Local("2024-06-11 10:00:05")).ShouldBeFalse();
    }

    [Fact]
    public void PollMissed_LastPollOlderThanOneInterval_IsTrue()
    {
        var sut = CreateSut("2024-06-11 10:16:00");

        sut.PollMissed(Local("2024-06-11 10:00:05")).ShouldBeTrue();
    }

    [Fact]
    public void PollInterval_SecondsCron_IsTheGapBetweenFirings()
    {
        var sut = new MakeUpPlanner(AtLocal("2024-06-11 10:00:01"), Zones.HoChiMinh, DayClose, "0/2 * * * * ?");

        sut.PollInterval().ShouldBe(TimeSpan.FromSeconds(2));
    }

    private static MakeUpPlanner CreateSut(string localNow) =>
        new(AtLocal(localNow), Zones.HoChiMinh, DayClose, Poll);

    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static DateTimeOffset Local(string text) =>
        new(DateTime.ParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), TimeSpan.FromHours(7));

    /// <summary>A clock at the instant a Ho Chi Minh City wall clock (UTC+7) reads <paramref name="local"/> (yyyy-MM-dd HH:mm:ss).</summary>
    private static FakeTimeProvider AtLocal(string local) => new(Local(local));

    private static DateTimeOffset Utc(string text) =>
        new(DateTime.ParseExact(text, "yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), TimeSpan.Zero);
}
