using KpiIngest.Core.Source;
using KpiIngest.Core.Tests.Support;
using Shouldly;

namespace KpiIngest.Core.Tests.Source;

/// <summary>
/// source-contract.md, "Bad rows", src_procedure: an unknown unit_id, a duplicate pair, online_mode outside
/// {0, 2, 3, 4}, a flag other than 0/1.
/// </summary>
public sealed class ProcedureValidatorTests
{
    private static Validated<CatalogPair> Validate(params RawProcedure[] rows) =>
        ProcedureValidator.Validate(rows, RawRowsBuilder.KnownUnits, RawRowsBuilder.Times);

    private static void ShouldQuarantineOnly(RawProcedure row)
    {
        var result = Validate(row);
        result.Good.ShouldBeEmpty();
        var entry = result.Quarantined.ShouldHaveSingleItem();
        entry.Relation.ShouldBe("src_procedure");
        entry.Reason.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Validate_GoodRow_IsGood()
    {
        var result = Validate(RawRowsBuilder.Procedure());

        var pair = result.Good.ShouldHaveSingleItem();
        result.Quarantined.ShouldBeEmpty();
        pair.ShouldBe(new CatalogPair("U1", "1.001234", "Thủ tục 1.001234", 3, true, true, true));
    }

    [Fact]
    public void Validate_UnknownUnitId_Quarantined()
    {
        ShouldQuarantineOnly(RawRowsBuilder.Procedure("U9"));
    }

    [Fact]
    public void Validate_DuplicatePair_EveryCopyQuarantinedUnderOneEntry()
    {
        var result = Validate(
            RawRowsBuilder.Procedure("U1", "P1"),
            RawRowsBuilder.Procedure("U1", "P1") with { OnlineMode = 4L },
            RawRowsBuilder.Procedure("U1", "P2"));

        result.Good.Select(p => p.ProcedureCode).ShouldBe(["P2"]);
        result.Quarantined.ShouldHaveSingleItem().Relation.ShouldBe("src_procedure");
    }

    [Fact]
    public void Validate_SameProcedureAtTwoUnits_NotADuplicate()
    {
        var result = Validate(RawRowsBuilder.Procedure("U1", "P1"), RawRowsBuilder.Procedure("U2", "P1"));

        result.Good.Count.ShouldBe(2);
        result.Quarantined.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(5L)]
    [InlineData(-1L)]
    public void Validate_OnlineModeOutsideCodes_Quarantined(long mode)
    {
        ShouldQuarantineOnly(RawRowsBuilder.Procedure() with { OnlineMode = mode });
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(2L)]
    [InlineData(3L)]
    [InlineData(4L)]
    public void Validate_OnlineModeInCodes_IsGood(long mode)
    {
        Validate(RawRowsBuilder.Procedure() with { OnlineMode = mode }).Good.ShouldHaveSingleItem().OnlineMode.ShouldBe((int)mode);
    }

    [Theory]
    [InlineData("has_fee")]
    [InlineData("online_payment")]
    [InlineData("requires_result")]
    public void Validate_FlagTwo_Quarantined(string column)
    {
        var row = RawRowsBuilder.Procedure();
        row = column switch
        {
            "has_fee" => row with { HasFee = 2L },
            "online_payment" => row with { OnlinePayment = 2L },
            _ => row with { RequiresResult = 2L },
        };

        ShouldQuarantineOnly(row);
    }

    [Theory]
    [InlineData("U1 ", "1.001234", "unit_id has trailing whitespace")]
    [InlineData(" U1", "1.001234", "unit_id has leading whitespace")]
    [InlineData("U1", "1.001234 ", "procedure_code has trailing whitespace")]
    [InlineData("U1", " 1.001234", "procedure_code has leading whitespace")]
    public void Validate_KeyPartWithSurroundingWhitespace_QuarantinedSayingWhy(string unitId, string code, string reason)
    {
        var result = Validate(RawRowsBuilder.Procedure(unitId, code));

        result.Good.ShouldBeEmpty();
        var entry = result.Quarantined.ShouldHaveSingleItem();
        entry.RecordKey.ShouldBe($"{unitId}|{code}");
        entry.Reason.ShouldStartWith(reason);
    }

    [Fact]
    public void Validate_PairsDifferingOnlyByTrailingSpace_TheSpacedOneQuarantinedTheOtherGood()
    {
        var result = Validate(RawRowsBuilder.Procedure("U1", "P1"), RawRowsBuilder.Procedure("U1", "P1 "));

        result.Good.ShouldHaveSingleItem().ProcedureCode.ShouldBe("P1");
        result.Quarantined.ShouldHaveSingleItem().RecordKey.ShouldBe("U1|P1 ");
    }
}
