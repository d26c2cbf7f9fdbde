using KpiIngest.Core.Facts;
using KpiIngest.Core.Source;
using KpiIngest.Core.Tests.Support;
using Shouldly;

namespace KpiIngest.Core.Tests.Facts;

/// <summary>
/// source-contract.md, "Changes and deletions": re-reading a row is harmless; a changed row's latest version
/// wins, so its old counts leave the pair-days they were on and its new counts arrive.
/// </summary>
public sealed class DailyPairDeltaTests
{
    private static readonly PairKey U1P1 = new("U1", "P1");

    private static DailyPairDelta CreateSut() => new();

    private static DossierFact Fact(Func<Dossier, Dossier>? shape = null) =>
        DossierFact.From((shape ?? (d => d))(World.DefaultDossier));

    private static Dictionary<(PairKey Pair, DateOnly Day), long> ReceivedChanges(DailyPairDelta sut) =>
        sut.Changes.Where(c => c.Counts.Received != 0).ToDictionary(c => (c.Pair, c.Day), c => c.Counts.Received);

    [Fact]
    public void Record_UnchangedFact_AddsNothing()
    {
        var sut = CreateSut();

        sut.Record(Fact(), Fact()).ShouldBeFalse();

        sut.Changes.ShouldBeEmpty();
        sut.EarliestDay.ShouldBeNull();
    }

    [Fact]
    public void Record_OnlyUpdatedAtChanged_AddsNothing()
    {
        var sut = CreateSut();

        sut.Record(Fact(), Fact(d => d with { UpdatedAt = d.UpdatedAt.AddHours(5) }));

        sut.Changes.ShouldBeEmpty();
    }

    [Fact]
    public void Record_NewDossier_AddsItsCounts()
    {
        var sut = CreateSut();

        sut.Record(null, Fact(d => d with { Channel = 2 })).ShouldBeTrue();

        var (pair, day, counts) = sut.Changes.ShouldHaveSingleItem();
        (pair, day).ShouldBe((U1P1, Dates.Day("2024-04-10")));
        (counts.Received, counts.Online).ShouldBe((1, 1));
    }

    [Fact]
    public void Record_DeletedDossier_RemovesItsCounts()
    {
        var sut = CreateSut();

        sut.Record(Fact(), null).ShouldBeTrue();

        sut.Changes.ShouldHaveSingleItem().Counts.Received.ShouldBe(-1);
    }

    [Fact]
    public void Record_MovedToAnotherDay_MovesItsCounts()
    {
        var sut = CreateSut();

        sut.Record(Fact(), Fact(d => d with { ReceivedAt = Dates.At("2024-04-12 08:00:00") }));

        ReceivedChanges(sut).ShouldBe(new Dictionary<(PairKey, DateOnly), long>
        {
            [(U1P1, Dates.Day("2024-04-10"))] = -1,
            [(U1P1, Dates.Day("2024-04-12"))] = 1,
        });
    }

    [Fact]
    public void Record_MovedToAnotherUnit_MovesItsCounts()
    {
        var sut = CreateSut();

        sut.Record(Fact(), Fact(d => d with { UnitId = "U2" }));

        ReceivedChanges(sut).ShouldBe(new Dictionary<(PairKey, DateOnly), long>
        {
            [(U1P1, Dates.Day("2024-04-10"))] = -1,
            [(new PairKey("U2", "P1"), Dates.Day("2024-04-10"))] = 1,
        });
    }

    [Fact]
    public void Record_TraitChangedSameDay_MovesOnlyThatCount()
    {
        var sut = CreateSut();

        sut.Record(Fact(), Fact(d => d with { Digitized = true }));

        var (_, _, counts) = sut.Changes.ShouldHaveSingleItem();
        (counts.Received, counts.Digitized).ShouldBe((0, 1));
    }

    [Fact]
    public void Record_MovedToLaterDay_EarliestDayIsTheOldDay()
    {
        var sut = CreateSut();

        sut.Record(Fact(), Fact(d => d with { ReceivedAt = Dates.At("2024-04-12 08:00:00") }));

        sut.EarliestDay.ShouldBe(Dates.Day("2024-04-10"));
    }

    [Fact]
    public void Record_MovedToEarlierDay_EarliestDayIsTheNewDay()
    {
        var sut = CreateSut();

        sut.Record(Fact(), Fact(d => d with { ReceivedAt = Dates.At("2024-03-28 08:00:00") }));

        sut.EarliestDay.ShouldBe(Dates.Day("2024-03-28"));
    }

    [Fact]
    public void Record_ResolvedLater_ChangesOnlyTheResolvedDay()
    {
        var sut = CreateSut();

        sut.Record(Fact(), Fact(d => World.Resolved(d, "2024-04-20 10:00:00")));

        var (pair, day, counts) = sut.Changes.ShouldHaveSingleItem();
        (pair, day).ShouldBe((U1P1, Dates.Day("2024-04-20")));
        (counts.Received, counts.Resolved).ShouldBe((0, 1));
    }

    [Fact]
    public void Record_ResolvedLater_EarliestDayIsTheResolvedDay()
    {
        var sut = CreateSut();

        sut.Record(Fact(), Fact(d => World.Resolved(d, "2024-04-20 10:00:00")));

        sut.EarliestDay.ShouldBe(Dates.Day("2024-04-20"));
    }

    [Fact]
    public void Record_SeveralDossiers_EarliestDayIsTheEarliestTouched()
    {
        var sut = CreateSut();

        sut.Record(null, Fact(d => d with { DossierId = "A", ReceivedAt = Dates.At("2024-04-15 08:00:00") }));
        sut.Record(null, Fact(d => d with { DossierId = "B", ReceivedAt = Dates.At("2024-04-02 08:00:00") }));
        sut.Record(null, Fact(d => d with { DossierId = "C", ReceivedAt = Dates.At("2024-04-09 08:00:00") }));

        sut.EarliestDay.ShouldBe(Dates.Day("2024-04-02"));
    }
}
