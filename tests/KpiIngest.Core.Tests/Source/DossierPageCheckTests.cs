using KpiIngest.Core.Source;
using KpiIngest.Core.Tests.Support;
using Shouldly;

namespace KpiIngest.Core.Tests.Source;

/// <summary>
/// A page of src_dossier rows checked before it is written: verdicts as <see cref="DossierValidator"/> gives them,
/// the facts of the good rows, and the newest plausible updated_at a poll's watermark may move to.
/// </summary>
public sealed class DossierPageCheckTests
{
    private static DossierPageCheck CreateSut() =>
        new(RawRowsBuilder.KnownUnits, RawRowsBuilder.Times, RawRowsBuilder.LatestPlausibleUpdate);

    [Fact]
    public void Check_GoodRows_OneFactPerGoodRow()
    {
        var page = CreateSut().Check([RawRowsBuilder.Dossier("D1"), RawRowsBuilder.Dossier("D2")]);

        page.Facts.Select(f => f.DossierId).ShouldBe(["D1", "D2"]);
        page.Validated.Quarantined.ShouldBeEmpty();
        page.Count.ShouldBe(2);
    }

    [Fact]
    public void Check_BadRow_QuarantinedWithoutFact()
    {
        var page = CreateSut().Check([RawRowsBuilder.Dossier("D1"), RawRowsBuilder.Dossier("D2") with { Channel = 4L }]);

        page.Facts.ShouldHaveSingleItem().DossierId.ShouldBe("D1");
        page.Validated.Quarantined.ShouldHaveSingleItem().RecordKey.ShouldBe("D2");
        page.Count.ShouldBe(2);
    }

    [Fact]
    public void Check_BadRowUpdatedLater_NewestUpdateIsTheBadRows()
    {
        // A quarantined row was read: it is retried by key, so the poll need not read it again.
        var page = CreateSut().Check(
        [
            RawRowsBuilder.Dossier("D1") with { UpdatedAt = "2024-04-15 10:00:01" },
            RawRowsBuilder.Dossier("D2") with { Channel = 4L, UpdatedAt = "2024-04-16 08:00:00" },
        ]);

        page.NewestUpdate.ShouldBe(Dates.At("2024-04-16 08:00:00"));
    }

    [Fact]
    public void Check_FutureUpdatedAt_NotTheNewestUpdate()
    {
        var page = CreateSut().Check(
        [
            RawRowsBuilder.Dossier("D1") with { UpdatedAt = "2024-04-15 10:00:01" },
            RawRowsBuilder.Dossier("D2") with { UpdatedAt = "2031-01-01 00:00:00" },
        ]);

        page.Validated.Quarantined.ShouldHaveSingleItem().RecordKey.ShouldBe("D2");
        page.NewestUpdate.ShouldBe(Dates.At("2024-04-15 10:00:01"));
    }

    [Fact]
    public void Check_NoReadableUpdatedAt_NoNewestUpdate()
    {
        var page = CreateSut().Check([RawRowsBuilder.Dossier("D1") with { UpdatedAt = null }]);

        page.NewestUpdate.ShouldBeNull();
        page.Facts.ShouldBeEmpty();
    }
}
