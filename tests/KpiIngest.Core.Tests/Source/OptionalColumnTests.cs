using KpiIngest.Core.Source;
using KpiIngest.Core.Tests.Support;
using Shouldly;

namespace KpiIngest.Core.Tests.Source;

/// <summary>
/// scorecard.md, "Optional source columns": none is required; a value other than 0, 1 or null quarantines the row
/// like any other flag, naming the column; null counts as 0; "with X" means the column exists in the relation.
/// </summary>
public sealed class OptionalColumnTests
{
    public static TheoryData<string> DossierColumns { get; } =
        ["synced_to_portal", "complaint_or_dislike", "from_personal_storage", "citizen_data_used"];

    private static RawDossier WithOptional(string column, object? value) => column switch
    {
        "synced_to_portal" => RawRowsBuilder.Dossier() with { SyncedToPortal = value },
        "complaint_or_dislike" => RawRowsBuilder.Dossier() with { ComplaintOrDislike = value },
        "from_personal_storage" => RawRowsBuilder.Dossier() with { FromPersonalStorage = value },
        "citizen_data_used" => RawRowsBuilder.Dossier() with { CitizenDataUsed = value },
        _ => throw new ArgumentOutOfRangeException(nameof(column)),
    };

    private static bool FlagOf(Dossier dossier, string column) => column switch
    {
        "synced_to_portal" => dossier.SyncedToPortal,
        "complaint_or_dislike" => dossier.ComplaintOrDislike,
        "from_personal_storage" => dossier.FromPersonalStorage,
        "citizen_data_used" => dossier.CitizenDataUsed,
        _ => throw new ArgumentOutOfRangeException(nameof(column)),
    };

    [Theory]
    [MemberData(nameof(DossierColumns))]
    public void Validate_OptionalDossierFlagTwo_QuarantinedNamingTheColumn(string column)
    {
        var result = RawRowsBuilder.Validate(WithOptional(column, 2L));

        result.Good.ShouldBeEmpty();
        result.Quarantined.ShouldHaveSingleItem().Reason.ShouldContain(column);
    }

    [Theory]
    [MemberData(nameof(DossierColumns))]
    public void Validate_OptionalDossierFlagText_QuarantinedNamingTheColumn(string column)
    {
        var result = RawRowsBuilder.Validate(WithOptional(column, "yes"));

        result.Quarantined.ShouldHaveSingleItem().Reason.ShouldContain(column);
    }

    [Theory]
    [MemberData(nameof(DossierColumns))]
    public void Validate_OptionalDossierFlagNull_CountsAsZero(string column)
    {
        var dossier = RawRowsBuilder.Validate(WithOptional(column, null)).Good.ShouldHaveSingleItem();

        FlagOf(dossier, column).ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(DossierColumns))]
    public void Validate_OptionalDossierFlagOne_IsSet(string column)
    {
        var dossier = RawRowsBuilder.Validate(WithOptional(column, 1L)).Good.ShouldHaveSingleItem();

        FlagOf(dossier, column).ShouldBeTrue();
    }

    [Fact]
    public void Validate_CitizenSubjectOne_PairIsCitizenSubject()
    {
        var pair = ProcedureValidator.Validate([RawRowsBuilder.Procedure() with { CitizenSubject = 1L }], RawRowsBuilder.KnownUnits, RawRowsBuilder.Times)
            .Good.ShouldHaveSingleItem();

        pair.CitizenSubject.ShouldBeTrue();
    }

    [Fact]
    public void Validate_CitizenSubjectNull_NotCitizenSubject()
    {
        var pair = ProcedureValidator.Validate([RawRowsBuilder.Procedure() with { CitizenSubject = null }], RawRowsBuilder.KnownUnits, RawRowsBuilder.Times)
            .Good.ShouldHaveSingleItem();

        pair.CitizenSubject.ShouldBeFalse();
    }

    [Fact]
    public void Validate_CitizenSubjectThree_QuarantinedNamingTheColumn()
    {
        var result = ProcedureValidator.Validate([RawRowsBuilder.Procedure() with { CitizenSubject = 3L }], RawRowsBuilder.KnownUnits, RawRowsBuilder.Times);

        result.Good.ShouldBeEmpty();
        result.Quarantined.ShouldHaveSingleItem().Reason.ShouldContain("citizen_subject");
    }

    [Fact]
    public void OptionalPresent_ColumnsInTheirRelations_AreDetected()
    {
        var offered = new Dictionary<string, IReadOnlySet<string>?>
        {
            ["src_unit"] = new HashSet<string>(SourceContract.UnitColumns),
            ["src_procedure"] = new HashSet<string>([.. SourceContract.ProcedureColumns, "citizen_subject"]),
            ["src_dossier"] = new HashSet<string>([.. SourceContract.DossierColumns, "synced_to_portal", "citizen_data_used"]),
        };

        SourceContract.OptionalPresent(offered)
            .ShouldBe(OptionalColumns.SyncedToPortal | OptionalColumns.CitizenDataUsed | OptionalColumns.CitizenSubject);
    }

    [Fact]
    public void OptionalPresent_ColumnInAnotherRelation_NotDetected()
    {
        var offered = new Dictionary<string, IReadOnlySet<string>?>
        {
            ["src_procedure"] = new HashSet<string>(["synced_to_portal"]),
            ["src_dossier"] = null,
        };

        SourceContract.OptionalPresent(offered).ShouldBe(OptionalColumns.None);
    }

    [Theory]
    [InlineData(OptionalColumns.None)]
    [InlineData(OptionalColumns.SyncedToPortal | OptionalColumns.CitizenSubject)]
    [InlineData(OptionalColumns.SyncedToPortal | OptionalColumns.ComplaintOrDislike | OptionalColumns.FromPersonalStorage | OptionalColumns.CitizenDataUsed | OptionalColumns.CitizenSubject)]
    public void OptionalText_RoundTrips(OptionalColumns present)
    {
        SourceContract.ParseOptionalText(SourceContract.OptionalText(present)).ShouldBe(present);
    }
}
