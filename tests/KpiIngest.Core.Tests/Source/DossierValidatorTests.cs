using KpiIngest.Core.Source;
using KpiIngest.Core.Tests.Support;
using Shouldly;

namespace KpiIngest.Core.Tests.Source;

/// <summary>source-contract.md, "Bad rows", src_dossier: each rule quarantines the row, never guesses.</summary>
public sealed class DossierValidatorTests
{
    private static readonly string Long65 = new('x', 65);
    private static readonly string Long64 = new('x', 64);

    private static Validated<Dossier> Validate(params RawDossier[] rows) => RawRowsBuilder.Validate(rows);

    private static QuarantineEntry ShouldQuarantineOnly(RawDossier row)
    {
        var result = Validate(row);
        result.Good.ShouldBeEmpty();
        var entry = result.Quarantined.ShouldHaveSingleItem();
        entry.Relation.ShouldBe("src_dossier");
        entry.Reason.ShouldNotBeNullOrWhiteSpace();
        return entry;
    }

    [Fact]
    public void Validate_GoodRow_IsGoodAndNotQuarantined()
    {
        var result = Validate(RawRowsBuilder.Dossier());

        result.Good.ShouldHaveSingleItem().DossierId.ShouldBe("D1");
        result.Quarantined.ShouldBeEmpty();
    }

    [Fact]
    public void Validate_BadRow_QuarantinedUnderItsDossierId()
    {
        var entry = ShouldQuarantineOnly(RawRowsBuilder.Dossier("D42") with { Channel = 4L });

        entry.RecordKey.ShouldBe("D42");
    }

    [Fact]
    public void Validate_UncataloguedProcedure_IsGood()
    {
        var result = Validate(RawRowsBuilder.Dossier() with { ProcedureCode = "9.999999-NOT-IN-CATALOG" });

        result.Good.ShouldHaveSingleItem();
        result.Quarantined.ShouldBeEmpty();
    }

    [Fact]
    public void Validate_UnknownUnitId_Quarantined()
    {
        ShouldQuarantineOnly(RawRowsBuilder.Dossier() with { UnitId = "U9" });
    }

    [Fact]
    public void Validate_UnitIdDifferingOnlyInCase_Quarantined()
    {
        ShouldQuarantineOnly(RawRowsBuilder.Dossier() with { UnitId = "u1" });
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(4L)]
    [InlineData(-1L)]
    public void Validate_ChannelOutsideCodes_Quarantined(long channel)
    {
        ShouldQuarantineOnly(RawRowsBuilder.Dossier() with { Channel = channel });
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(11L)]
    public void Validate_StatusOutsideCodes_Quarantined(long status)
    {
        ShouldQuarantineOnly(RawRowsBuilder.Dossier() with { Status = status });
    }

    [Theory]
    [InlineData(3L)]
    [InlineData(-1L)]
    public void Validate_PaidOnlineOutsideCodes_Quarantined(long paidOnline)
    {
        ShouldQuarantineOnly(RawRowsBuilder.Dossier() with { PaidOnline = paidOnline });
    }

    [Theory]
    [InlineData("digitized")]
    [InlineData("e_result")]
    [InlineData("reused_data")]
    public void Validate_FlagTwo_Quarantined(string column)
    {
        var row = RawRowsBuilder.Dossier();
        row = column switch
        {
            "digitized" => row with { Digitized = 2L },
            "e_result" => row with { EResult = 2L },
            _ => row with { ReusedData = 2L },
        };

        ShouldQuarantineOnly(row);
    }

    [Theory]
    [InlineData("digitized")]
    [InlineData("e_result")]
    [InlineData("reused_data")]
    public void Validate_FlagHalf_Quarantined(string column)
    {
        var row = RawRowsBuilder.Dossier();
        row = column switch
        {
            "digitized" => row with { Digitized = 0.5 },
            "e_result" => row with { EResult = 0.5 },
            _ => row with { ReusedData = 0.5 },
        };

        ShouldQuarantineOnly(row);
    }

    [Theory]
    [InlineData(2L)]
    [InlineData(4L)]
    [InlineData(5L)]
    [InlineData(6L)]
    [InlineData(7L)]
    [InlineData(8L)]
    [InlineData(9L)]
    [InlineData(10L)]
    public void Validate_ReceivedStatusWithoutReceivedAt_Quarantined(long status)
    {
        ShouldQuarantineOnly(RawRowsBuilder.Dossier() with { Status = status, ReceivedAt = null });
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(3L)]
    public void Validate_NewOrRefusedWithoutReceivedAt_IsGood(long status)
    {
        var result = Validate(RawRowsBuilder.Dossier() with
        {
            Status = status, ReceivedAt = null, DueAt = null, ResolvedAt = null,
        });

        result.Good.ShouldHaveSingleItem();
        result.Quarantined.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(9L)]
    [InlineData(10L)]
    public void Validate_ResolvedStatusWithoutResolvedAt_Quarantined(long status)
    {
        ShouldQuarantineOnly(RawRowsBuilder.Dossier() with { Status = status, ResolvedAt = null });
    }

    [Fact]
    public void Validate_ProcessingWithResolvedAt_IsGood()
    {
        var result = Validate(RawRowsBuilder.Dossier() with { Status = 4L });

        result.Good.ShouldHaveSingleItem();
    }

    [Fact]
    public void Validate_ResolvedBeforeReceived_Quarantined()
    {
        ShouldQuarantineOnly(RawRowsBuilder.Dossier() with
        {
            ReceivedAt = "2024-04-10 09:00:00", ResolvedAt = "2024-04-10 08:59:59",
        });
    }

    [Fact]
    public void Validate_ResolvedBeforeReceivedAcrossOffsets_Quarantined()
    {
        // 09:00 local is 02:00Z: a resolution at 01:59:59Z is a second earlier.
        ShouldQuarantineOnly(RawRowsBuilder.Dossier() with
        {
            ReceivedAt = "2024-04-10 09:00:00", ResolvedAt = "2024-04-10T01:59:59Z",
        });
    }

    [Fact]
    public void Validate_ResolvedAtSameInstantAsReceived_IsGood()
    {
        var result = Validate(RawRowsBuilder.Dossier() with
        {
            ReceivedAt = "2024-04-10 09:00:00", ResolvedAt = "2024-04-10 09:00:00",
        });

        result.Good.ShouldHaveSingleItem();
    }

    [Fact]
    public void Validate_DueBeforeReceived_Quarantined()
    {
        ShouldQuarantineOnly(RawRowsBuilder.Dossier() with
        {
            ReceivedAt = "2024-04-10 09:00:00", DueAt = "2024-04-09 17:00:00",
        });
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(-0.01)]
    public void Validate_NegativeFeeDouble_Quarantined(double fee)
    {
        ShouldQuarantineOnly(RawRowsBuilder.Dossier() with { FeeAmount = fee });
    }

    [Fact]
    public void Validate_NegativeFeeDecimal_Quarantined()
    {
        ShouldQuarantineOnly(RawRowsBuilder.Dossier() with { FeeAmount = -5000m });
    }

    [Fact]
    public void Validate_NaNFee_Quarantined()
    {
        ShouldQuarantineOnly(RawRowsBuilder.Dossier() with { FeeAmount = double.NaN });
    }

    [Fact]
    public void Validate_InfiniteFee_Quarantined()
    {
        ShouldQuarantineOnly(RawRowsBuilder.Dossier() with { FeeAmount = double.PositiveInfinity });
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0L)]
    public void Validate_NoFee_IsGood(object? fee)
    {
        var result = Validate(RawRowsBuilder.Dossier() with { FeeAmount = fee });

        result.Good.ShouldHaveSingleItem();
    }

    [Theory]
    [InlineData("received_at", "not a date")]
    [InlineData("received_at", "2024-02-30 10:00:00")]
    [InlineData("due_at", "2024-04-31 17:00:00")]
    [InlineData("resolved_at", "15/04/2024")]
    [InlineData("resolved_at", "9999-12-31 23:59:59")]
    [InlineData("updated_at", "yesterday")]
    public void Validate_UnparseableDate_Quarantined(string column, string text)
    {
        var row = RawRowsBuilder.Dossier();
        row = column switch
        {
            "received_at" => row with { ReceivedAt = text },
            "due_at" => row with { DueAt = text },
            "resolved_at" => row with { ResolvedAt = text },
            _ => row with { UpdatedAt = text },
        };

        ShouldQuarantineOnly(row);
    }

    [Theory]
    [InlineData("dossier_id")]
    [InlineData("dossier_code")]
    [InlineData("unit_id")]
    [InlineData("procedure_code")]
    public void Validate_KeyOrCodeLongerThan64_Quarantined(string column)
    {
        ShouldQuarantineOnly(WithText(RawRowsBuilder.Dossier(), column, Long65));
    }

    [Theory]
    [InlineData("dossier_id")]
    [InlineData("dossier_code")]
    [InlineData("procedure_code")]
    public void Validate_KeyOrCodeOf64_IsGood(string column)
    {
        var result = Validate(WithText(RawRowsBuilder.Dossier(), column, Long64));

        result.Good.ShouldHaveSingleItem();
    }

    [Fact]
    public void Validate_UnitIdOf64KnownUnit_IsGood()
    {
        var known = new HashSet<string>(StringComparer.Ordinal) { Long64 };
        var sut = new DossierValidator(known, RawRowsBuilder.Times, RawRowsBuilder.LatestPlausibleUpdate);

        var result = sut.Validate([RawRowsBuilder.Dossier() with { UnitId = Long64 }]);

        result.Good.ShouldHaveSingleItem();
    }

    [Theory]
    [InlineData("dossier_id", "D1 ", "dossier_id has trailing whitespace")]
    [InlineData("dossier_id", " D1", "dossier_id has leading whitespace")]
    [InlineData("dossier_id", "D1\r\n", "dossier_id has trailing whitespace")]
    [InlineData("unit_id", "U1 ", "unit_id has trailing whitespace")]
    [InlineData("unit_id", " U1", "unit_id has leading whitespace")]
    [InlineData("procedure_code", "1.001234 ", "procedure_code has trailing whitespace")]
    [InlineData("procedure_code", "\t1.001234", "procedure_code has leading whitespace")]
    public void Validate_KeyOrReferenceWithSurroundingWhitespace_QuarantinedSayingWhy(string column, string text, string reason)
    {
        var entry = ShouldQuarantineOnly(WithText(RawRowsBuilder.Dossier(), column, text));

        entry.Reason.ShouldBe(reason + (reason.Contains("trailing", StringComparison.Ordinal)
            ? ": SQL Server would treat it as equal to the key without it"
            : ": a key must not start or end with spaces"));
    }

    [Fact]
    public void Validate_DossierCodeWithTrailingSpace_IsGood()
    {
        // dossier_code is what citizens see, not a key: nothing compares or joins on it.
        Validate(RawRowsBuilder.Dossier() with { DossierCode = "HS-D1 " }).Good.ShouldHaveSingleItem();
    }

    [Fact]
    public void Validate_DossierIdsDifferingOnlyByTrailingSpace_TheSpacedOneQuarantinedTheOtherGood()
    {
        var result = Validate(RawRowsBuilder.Dossier("D1"), RawRowsBuilder.Dossier("D1 "));

        result.Good.ShouldHaveSingleItem().DossierId.ShouldBe("D1");
        result.Quarantined.ShouldHaveSingleItem().RecordKey.ShouldBe("D1 ");
    }

    [Fact]
    public void Validate_SameDossierIdTwice_BothCopiesQuarantinedUnderOneEntry()
    {
        var result = Validate(
            RawRowsBuilder.Dossier("D1"),
            RawRowsBuilder.Dossier("D1") with { Channel = 1L },
            RawRowsBuilder.Dossier("D2"));

        result.Good.Select(d => d.DossierId).ShouldBe(["D2"]);
        result.Quarantined.ShouldHaveSingleItem().RecordKey.ShouldBe("D1");
    }

    [Fact]
    public void Validate_SameDossierIdThreeTimes_OneEntryForTheKey()
    {
        var result = Validate(RawRowsBuilder.Dossier("D1"), RawRowsBuilder.Dossier("D1"), RawRowsBuilder.Dossier("D1"));

        result.Good.ShouldBeEmpty();
        result.Quarantined.ShouldHaveSingleItem().RecordKey.ShouldBe("D1");
    }

    [Fact]
    public void Validate_TwoBadRows_OneEntryEach()
    {
        var result = Validate(
            RawRowsBuilder.Dossier("D1") with { Status = 0L },
            RawRowsBuilder.Dossier("D2") with { UnitId = "U9" });

        result.Quarantined.Select(q => q.RecordKey).ShouldBe(["D1", "D2"], ignoreOrder: true);
    }

    [Fact]
    public void Validate_HugeString_QuarantinedWithValueTextWithin1000()
    {
        var huge = new string('Đ', 2_000_000);

        var entry = ShouldQuarantineOnly(RawRowsBuilder.Dossier() with { ProcedureCode = huge });

        entry.ValueText.Length.ShouldBeLessThanOrEqualTo(1000);
    }

    [Fact]
    public void Validate_HugeDossierId_QuarantinedWithValueTextWithin1000()
    {
        var entry = ShouldQuarantineOnly(RawRowsBuilder.Dossier(new string('9', 1_000_000)));

        entry.ValueText.Length.ShouldBeLessThanOrEqualTo(1000);
    }

    [Fact]
    public void Validate_ControlCharactersInText_ValueTextEscaped()
    {
        var entry = ShouldQuarantineOnly(RawRowsBuilder.Dossier() with { UnitId = "U9\r\n2024-04-30 INFO forged\0\u001b[31m" });

        entry.ShouldSatisfyAllConditions(
            () => entry.ValueText.ShouldNotContain('\n'),
            () => entry.ValueText.ShouldNotContain('\r'),
            () => entry.ValueText.Any(char.IsControl).ShouldBeFalse(),
            () => entry.Reason.Any(char.IsControl).ShouldBeFalse(),
            () => entry.ValueText.ShouldContain("forged"));
    }

    [Fact]
    public void Validate_ManyControlCharacters_ValueTextEscapedWithin1000()
    {
        var text = string.Concat(Enumerable.Repeat("\n\u0001", 5_000));

        var entry = ShouldQuarantineOnly(RawRowsBuilder.Dossier() with { DossierCode = text, UnitId = text });

        entry.ValueText.Length.ShouldBeLessThanOrEqualTo(1000);
        entry.ValueText.Any(char.IsControl).ShouldBeFalse();
    }

    [Fact]
    public void Validate_ValuesAsDriversReturnThem_IsGood()
    {
        var row = new RawDossier(
            DossierId: "D1",
            DossierCode: null,
            UnitId: "U1",
            ProcedureCode: "1.001234",
            Channel: 2,                       // int (SqlClient)
            Status: 10m,                      // decimal (Oracle-style NUMBER)
            ReceivedAt: new DateTime(2024, 4, 10, 9, 0, 0, DateTimeKind.Unspecified),
            DueAt: new DateTimeOffset(2024, 4, 20, 17, 0, 0, TimeSpan.FromHours(7)),
            ResolvedAt: new DateTime(2024, 4, 15, 3, 0, 0, DateTimeKind.Utc),
            FeeAmount: 12500.5,               // double (SQLite REAL)
            PaidOnline: "2",
            Digitized: true,
            EResult: 1.0,
            ReusedData: 0L,
            UpdatedAt: "2024-04-15 10:00:01.123");

        var result = Validate(row);

        result.Quarantined.ShouldBeEmpty();
        var dossier = result.Good.ShouldHaveSingleItem();
        dossier.ShouldSatisfyAllConditions(
            () => dossier.Channel.ShouldBe(2),
            () => dossier.Status.ShouldBe(10),
            () => dossier.ResolvedAt.ShouldBe(Dates.At("2024-04-15 10:00:00")),
            () => dossier.DueAt.ShouldBe(Dates.At("2024-04-20 17:00:00")),
            () => dossier.FeeAmount.ShouldBe(12500.5m),
            () => dossier.PaidOnline.ShouldBe(2),
            () => dossier.Digitized.ShouldBeTrue(),
            () => dossier.EResult.ShouldBeTrue(),
            () => dossier.ReusedData.ShouldBeFalse());
    }

    private static RawDossier WithText(RawDossier row, string column, string text) => column switch
    {
        "dossier_id" => row with { DossierId = text },
        "dossier_code" => row with { DossierCode = text },
        "unit_id" => row with { UnitId = text },
        _ => row with { ProcedureCode = text },
    };
}
