using KpiIngest.Core.Source;
using KpiIngest.Core.Tests.Support;
using Shouldly;

namespace KpiIngest.Core.Tests.Source;

/// <summary>source-contract.md, "Bad rows", src_unit: duplicate unit_id, level outside 1..3, active_to before active_from.</summary>
public sealed class UnitValidatorTests
{
    private static Validated<Unit> Validate(params RawUnit[] rows) => UnitValidator.Validate(rows, RawRowsBuilder.Times);

    [Fact]
    public void Validate_GoodRow_IsGood()
    {
        var result = Validate(RawRowsBuilder.Unit("U1") with { ActiveFrom = "2020-01-01", ActiveTo = "2025-06-30" });

        var unit = result.Good.ShouldHaveSingleItem();
        result.Quarantined.ShouldBeEmpty();
        unit.ShouldBe(new Unit("U1", null, "UBND xã U1", 3, Dates.Day("2020-01-01"), Dates.Day("2025-06-30")));
    }

    [Fact]
    public void Validate_DuplicateUnitId_EveryCopyQuarantinedUnderOneEntry()
    {
        var result = Validate(RawRowsBuilder.Unit("U1"), RawRowsBuilder.Unit("U1") with { Level = 1L }, RawRowsBuilder.Unit("U2"));

        result.Good.Select(u => u.UnitId).ShouldBe(["U2"]);
        var entry = result.Quarantined.ShouldHaveSingleItem();
        entry.Relation.ShouldBe("src_unit");
        entry.RecordKey.ShouldBe("U1");
    }

    [Fact]
    public void Validate_UnitIdsDifferingInCase_AreDistinctUnits()
    {
        var result = Validate(RawRowsBuilder.Unit("U1"), RawRowsBuilder.Unit("u1"));

        result.Good.Count.ShouldBe(2);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(4L)]
    public void Validate_LevelOutside1To3_Quarantined(long level)
    {
        var result = Validate(RawRowsBuilder.Unit() with { Level = level });

        result.Good.ShouldBeEmpty();
        result.Quarantined.ShouldHaveSingleItem().Relation.ShouldBe("src_unit");
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(2L)]
    [InlineData(3L)]
    public void Validate_Level1To3_IsGood(long level)
    {
        Validate(RawRowsBuilder.Unit() with { Level = level }).Good.ShouldHaveSingleItem().Level.ShouldBe((int)level);
    }

    [Fact]
    public void Validate_ActiveToBeforeActiveFrom_Quarantined()
    {
        var result = Validate(RawRowsBuilder.Unit() with { ActiveFrom = "2025-07-01", ActiveTo = "2025-06-30" });

        result.Good.ShouldBeEmpty();
        result.Quarantined.ShouldHaveSingleItem().RecordKey.ShouldBe("U1");
    }

    [Fact]
    public void Validate_ActiveOneDay_IsGood()
    {
        var result = Validate(RawRowsBuilder.Unit() with { ActiveFrom = "2025-06-30", ActiveTo = "2025-06-30" });

        result.Good.ShouldHaveSingleItem();
    }

    [Fact]
    public void Validate_NullLifetime_IsGoodAndAlwaysActive()
    {
        var unit = Validate(RawRowsBuilder.Unit() with { ActiveFrom = null, ActiveTo = null }).Good.ShouldHaveSingleItem();

        unit.IsActiveDuring(Dates.Day("1990-01-01"), Dates.Day("2199-12-31")).ShouldBeTrue();
    }

    [Fact]
    public void Validate_DateTimeLifetime_IsGood()
    {
        var unit = Validate(RawRowsBuilder.Unit() with
        {
            ActiveFrom = new DateTime(2020, 1, 1), ActiveTo = new DateTime(2025, 6, 30),
        }).Good.ShouldHaveSingleItem();

        unit.ActiveTo.ShouldBe(Dates.Day("2025-06-30"));
    }

    [Theory]
    [InlineData("U1 ", "unit_id has trailing whitespace")]
    [InlineData(" U1", "unit_id has leading whitespace")]
    [InlineData("U1\t", "unit_id has trailing whitespace")]
    [InlineData("U1\u00a0", "unit_id has trailing whitespace")]
    public void Validate_UnitIdWithSurroundingWhitespace_QuarantinedSayingWhy(string unitId, string reason)
    {
        var result = Validate(RawRowsBuilder.Unit(unitId));

        result.Good.ShouldBeEmpty();
        var entry = result.Quarantined.ShouldHaveSingleItem();
        entry.RecordKey.ShouldBe(unitId);
        entry.Reason.ShouldStartWith(reason);
    }

    [Fact]
    public void Validate_UnitIdsDifferingOnlyByTrailingSpace_TheSpacedOneQuarantinedTheOtherGood()
    {
        var result = Validate(RawRowsBuilder.Unit("U1"), RawRowsBuilder.Unit("U1 "));

        result.Good.ShouldHaveSingleItem().UnitId.ShouldBe("U1");
        var entry = result.Quarantined.ShouldHaveSingleItem();
        entry.RecordKey.ShouldBe("U1 ");
        entry.Reason.ShouldContain("SQL Server would treat it as equal to the key without it");
    }

    [Fact]
    public void Validate_UnitIdWithInnerSpace_IsGood()
    {
        Validate(RawRowsBuilder.Unit("U 1")).Good.ShouldHaveSingleItem().UnitId.ShouldBe("U 1");
    }
}
