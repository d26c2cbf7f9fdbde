using KpiIngest.Core.Source;
using KpiIngest.Core.Tests.Support;
using Shouldly;

namespace KpiIngest.Core.Tests.Source;

/// <summary>
/// source-contract.md: datetimes without an offset are local time of Source:TimeZone; SQLite text may carry
/// fractional seconds or an offset. indicators.md: the local date is the timestamp read in that zone.
/// </summary>
public sealed class SourceTimeReaderTests
{
    private static SourceTimeReader CreateSut() => new(Dates.HoChiMinh);

    [Theory]
    [InlineData("2024-04-30 23:59:00", "2024-04-30 23:59:00")]
    [InlineData("2024-04-30T23:59:00", "2024-04-30 23:59:00")]
    [InlineData("2024-04-30 23:59:59", "2024-04-30 23:59:59")]
    [InlineData("2024-05-01 00:00:00", "2024-05-01 00:00:00")]
    public void TryReadLocal_TextWithoutOffset_IsAlreadyLocal(string text, string expected)
    {
        CreateSut().TryReadLocal(text, out var local, out _).ShouldBeTrue();
        Dates.Show(local).ShouldBe(expected);
    }

    [Theory]
    [InlineData("2024-04-30 23:59:00.5", "2024-04-30 23:59:00.5")]
    [InlineData("2024-04-30T23:59:00.123", "2024-04-30 23:59:00.123")]
    [InlineData("2024-04-30 23:59:59.1234567", "2024-04-30 23:59:59.1234567")]
    public void TryReadLocal_FractionalSeconds_AreKept(string text, string expected)
    {
        CreateSut().TryReadLocal(text, out var local, out _).ShouldBeTrue();
        Dates.Show(local).ShouldBe(expected);
    }

    [Fact]
    public void TryReadLocal_UtcZText_IsConvertedToNextLocalDay()
    {
        CreateSut().TryReadLocal("2024-04-30T17:30:00Z", out var local, out _).ShouldBeTrue();
        Dates.Show(local).ShouldBe("2024-05-01 00:30:00");
    }

    [Fact]
    public void TryReadLocal_TextWithSourceZoneOffset_StaysOnItsDay()
    {
        CreateSut().TryReadLocal("2024-04-30T23:30:00+07:00", out var local, out _).ShouldBeTrue();
        Dates.Show(local).ShouldBe("2024-04-30 23:30:00");
    }

    [Fact]
    public void TryReadLocal_TextWithOtherOffset_IsConvertedToPreviousLocalDay()
    {
        CreateSut().TryReadLocal("2024-05-01T00:30:00+09:00", out var local, out _).ShouldBeTrue();
        Dates.Show(local).ShouldBe("2024-04-30 22:30:00");
    }

    [Theory]
    [InlineData("2024-04-30 17:30:00Z", "2024-05-01 00:30:00")]
    [InlineData("2024-04-30 23:30:00+07:00", "2024-04-30 23:30:00")]
    [InlineData("2024-04-30T16:59:59.999+00:00", "2024-04-30 23:59:59.999")]
    [InlineData("2024-04-30T17:30:00.25Z", "2024-05-01 00:30:00.25")]
    [InlineData("2024-04-30 23:59:00.5+07:00", "2024-04-30 23:59:00.5")]
    public void TryReadLocal_OffsetTextVariants_AreConverted(string text, string expected)
    {
        CreateSut().TryReadLocal(text, out var local, out _).ShouldBeTrue();
        Dates.Show(local).ShouldBe(expected);
    }

    [Fact]
    public void TryReadLocal_DateTimeOffset_IsConverted()
    {
        var value = new DateTimeOffset(2024, 4, 30, 17, 30, 0, TimeSpan.Zero);

        CreateSut().TryReadLocal(value, out var local, out _).ShouldBeTrue();
        Dates.Show(local).ShouldBe("2024-05-01 00:30:00");
    }

    [Fact]
    public void TryReadLocal_DateTimeOffsetWithOtherOffset_IsConverted()
    {
        var value = new DateTimeOffset(2024, 5, 1, 0, 30, 0, TimeSpan.FromHours(9));

        CreateSut().TryReadLocal(value, out var local, out _).ShouldBeTrue();
        Dates.Show(local).ShouldBe("2024-04-30 22:30:00");
    }

    [Fact]
    public void TryReadLocal_UtcDateTime_IsConverted()
    {
        var value = new DateTime(2024, 4, 30, 17, 30, 0, DateTimeKind.Utc);

        CreateSut().TryReadLocal(value, out var local, out _).ShouldBeTrue();
        Dates.Show(local).ShouldBe("2024-05-01 00:30:00");
    }

    [Fact]
    public void TryReadLocal_UnspecifiedDateTime_IsAlreadyLocal()
    {
        var value = new DateTime(2024, 4, 30, 23, 59, 59, DateTimeKind.Unspecified);

        CreateSut().TryReadLocal(value, out var local, out _).ShouldBeTrue();
        Dates.Show(local).ShouldBe("2024-04-30 23:59:59");
    }

    [Fact]
    public void TryReadLocal_DateOnly_IsLocalMidnightOfThatDay()
    {
        // Npgsql returns PostgreSQL date columns (src_unit.active_from, active_to) as DateOnly.
        CreateSut().TryReadLocal(new DateOnly(2025, 6, 30), out var local, out _).ShouldBeTrue();
        Dates.Show(local).ShouldBe("2025-06-30 00:00:00");
    }

    [Fact]
    public void TryReadLocal_Year1DateOnly_FailsWithProblem()
    {
        CreateSut().TryReadLocal(DateOnly.MinValue, out _, out var problem).ShouldBeFalse();
        problem.ShouldContain("1900");
    }

    [Fact]
    public void TryReadLocal_OtherSourceZone_ConvertsToThatZone()
    {
        var sut = new SourceTimeReader(TimeZoneInfo.Utc);

        sut.TryReadLocal("2024-05-01T00:30:00+07:00", out var local, out _).ShouldBeTrue();
        Dates.Show(local).ShouldBe("2024-04-30 17:30:00");
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("")]
    [InlineData("30/04/2024 10:00")]
    [InlineData("2024-02-30 10:00:00")]
    [InlineData("2024-13-01 10:00:00")]
    [InlineData("2024-04-30 25:00:00")]
    [InlineData("9999-12-31 23:59:59")]
    [InlineData("0001-01-01 00:00:00")]
    [InlineData("9999-12-31T23:30:00-07:00")]
    [InlineData("0001-01-01T00:30:00+09:00")]
    public void TryReadLocal_UnusableText_FailsWithProblem(string text)
    {
        CreateSut().TryReadLocal(text, out _, out var problem).ShouldBeFalse();
        problem.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void TryReadLocal_Year9999DateTime_FailsWithProblem()
    {
        CreateSut().TryReadLocal(DateTime.MaxValue, out _, out var problem).ShouldBeFalse();
        problem.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void TryReadLocal_Year1DateTime_FailsWithProblem()
    {
        CreateSut().TryReadLocal(DateTime.MinValue, out _, out var problem).ShouldBeFalse();
        problem.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void TryReadLocal_Year9999DateTimeOffset_FailsWithProblem()
    {
        CreateSut().TryReadLocal(DateTimeOffset.MaxValue, out _, out var problem).ShouldBeFalse();
        problem.ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("2024-02-29 10:00:00")]
    [InlineData("2023-02-29 10:00:00")]
    [InlineData("2100-02-29")]
    [InlineData("2000-02-29T00:00:00")]
    [InlineData("2024-04-31 10:00:00")]
    [InlineData("2024-04-30 24:00:00")]
    [InlineData("2024-04-30 23:60:00")]
    [InlineData("2024-04-30 23:59:60")]
    [InlineData("2024-00-10 10:00:00")]
    [InlineData("2024-01-00")]
    [InlineData("0000-01-01")]
    [InlineData("1899-12-31 23:59:59")]
    [InlineData("1900-01-01 00:00:00")]
    [InlineData("2199-12-31")]
    [InlineData("2200-01-01 00:00:00")]
    [InlineData("2024-04-30x10:00:00")]
    [InlineData("2024/04/30 10:00:00")]
    [InlineData("2024-04-30 10-00-00")]
    [InlineData("2024-4-30 10:00:00")]
    [InlineData("2024-04-30 1:00:000")]
    [InlineData("２０２４-04-30 10:00:00")]
    [InlineData("٢٠٢٤-04-30 10:00:00")]
    [InlineData("+024-04-30 10:00:00")]
    [InlineData("2024-04-30 10:00:0 ")]
    public void TryReadLocal_CommonShapes_AgreeWithExactParsing(string text)
    {
        var parsed = DateTime.TryParseExact(text, (string[])["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd"],
            System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var expected);
        var inRange = parsed && expected.Year is >= SourceTimeReader.MinYear and <= SourceTimeReader.MaxYear;

        var read = CreateSut().TryReadLocal(text, out var local, out var problem);

        read.ShouldBe(inRange, problem);
        if (inRange)
        {
            local.ShouldBe(expected);
        }
        else
        {
            problem.ShouldNotBeNullOrWhiteSpace();
        }
    }

    [Fact]
    public void TryReadLocal_Number_FailsWithProblem()
    {
        CreateSut().TryReadLocal(20240430L, out _, out var problem).ShouldBeFalse();
        problem.ShouldNotBeNullOrWhiteSpace();
    }
}
