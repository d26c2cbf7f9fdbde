using KpiIngest.Core.Periods;
using KpiIngest.Core.Tests.Support;
using Shouldly;

namespace KpiIngest.Core.Tests.Periods;

/// <summary>"Today" is a local date in Source:TimeZone; a day has ended once the local clock passed midnight.</summary>
public sealed class SourceClockTests
{
    private static SourceClock CreateSut(string utcNow) =>
        new(new FakeTimeProvider(Dates.Utc(utcNow)), Dates.HoChiMinh);

    [Fact]
    public void Today_At235959Local_IsThatDay()
    {
        CreateSut("2024-04-30 16:59:59").Today.ShouldBe(Dates.Day("2024-04-30"));
    }

    [Fact]
    public void Today_At000000Local_IsNextDay()
    {
        CreateSut("2024-04-30 17:00:00").Today.ShouldBe(Dates.Day("2024-05-01"));
    }

    [Fact]
    public void HasEnded_SameDayAt2359Local_IsFalse()
    {
        CreateSut("2024-04-30 16:59:00").HasEnded(Dates.Day("2024-04-30")).ShouldBeFalse();
    }

    [Fact]
    public void HasEnded_NextDayAt0001Local_IsTrue()
    {
        CreateSut("2024-04-30 17:01:00").HasEnded(Dates.Day("2024-04-30")).ShouldBeTrue();
    }

    [Fact]
    public void HasEnded_FutureDay_IsFalse()
    {
        CreateSut("2024-04-30 10:00:00").HasEnded(Dates.Day("2024-05-01")).ShouldBeFalse();
    }

    [Fact]
    public void Today_ClockAdvances_FollowsTheProvider()
    {
        var time = new FakeTimeProvider(Dates.Utc("2024-04-30 16:59:00"));
        var sut = new SourceClock(time, Dates.HoChiMinh);

        time.Advance(TimeSpan.FromMinutes(2));

        sut.Today.ShouldBe(Dates.Day("2024-05-01"));
    }
}
