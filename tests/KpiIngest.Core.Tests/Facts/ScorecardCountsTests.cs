using KpiIngest.Core.Facts;
using KpiIngest.Core.Scorecard;
using KpiIngest.Core.Tests.Support;
using Shouldly;

namespace KpiIngest.Core.Tests.Facts;

/// <summary>
/// The scorecard's received-day counts (scorecard.md items E_RESULT_AVAILABLE, DIGITIZED_DOSSIERS, DOSSIER_SYNC,
/// RECEIVING_SATISFACTION, PERSONAL_STORAGE, CITIZEN_DATA_DOSSIERS) and the late dossiers of "Overdue at S", as a
/// fact contributes them and as a change moves them.
/// </summary>
public sealed class ScorecardCountsTests
{
    private static readonly DateOnly April10 = Dates.Day("2024-04-10");

    private static DayCounts ReceivedDayCounts(DossierFact fact) =>
        fact.Contributions().Single(c => c.Day == fact.ReceivedDay).Counts;

    [Fact]
    public void From_OptionalFlags_SetTheirTraits()
    {
        var fact = DossierFact.From(World.DefaultDossier with
        {
            SyncedToPortal = true, ComplaintOrDislike = true, FromPersonalStorage = true, CitizenDataUsed = true,
        });

        fact.Traits.ShouldBe(DossierTraits.Synced | DossierTraits.Complaint | DossierTraits.PersonalStorage | DossierTraits.CitizenData);
        ((int)DossierTraits.Synced).ShouldBe(256);
        ((int)DossierTraits.Complaint).ShouldBe(512);
        ((int)DossierTraits.PersonalStorage).ShouldBe(1024);
        ((int)DossierTraits.CitizenData).ShouldBe(2048);
    }

    [Fact]
    public void Contributions_ReceivedDay_CountsTheSixScorecardCounts()
    {
        var fact = DossierFact.From(World.DefaultDossier with
        {
            Digitized = true, EResult = true, SyncedToPortal = true, ComplaintOrDislike = true,
            FromPersonalStorage = true, CitizenDataUsed = true,
        });

        var counts = ReceivedDayCounts(fact);

        (counts.ReceivedEResult, counts.DigitizedEResult, counts.Synced, counts.Complaint, counts.PersonalStorage, counts.CitizenData)
            .ShouldBe((1L, 1L, 1L, 1L, 1L, 1L));
    }

    [Fact]
    public void Contributions_EResultNotDigitized_NotDigitizedEResult()
    {
        var counts = ReceivedDayCounts(DossierFact.From(World.DefaultDossier with { EResult = true, Digitized = false }));

        counts.ReceivedEResult.ShouldBe(1);
        counts.DigitizedEResult.ShouldBe(0);
    }

    [Fact]
    public void Contributions_NoOptionalFlag_ZeroScorecardFlagCounts()
    {
        var counts = ReceivedDayCounts(DossierFact.From(World.DefaultDossier));

        (counts.Synced, counts.Complaint, counts.PersonalStorage, counts.CitizenData).ShouldBe((0L, 0L, 0L, 0L));
    }

    [Fact]
    public void SameContributionAs_OnlyComplaintDiffers_False()
    {
        var before = DossierFact.From(World.DefaultDossier);
        var after = DossierFact.From(World.DefaultDossier with { ComplaintOrDislike = true });

        after.SameContributionAs(before).ShouldBeFalse();
    }

    [Fact]
    public void SameContributionAs_OnlyDueDayDiffers_False()
    {
        var before = DossierFact.From(World.DefaultDossier with { DueAt = Dates.At("2024-04-20 17:00:00") });
        var after = DossierFact.From(World.DefaultDossier with { DueAt = Dates.At("2024-04-21 17:00:00") });

        after.SameContributionAs(before).ShouldBeFalse();
    }

    [Fact]
    public void Delta_SyncedTurnsOn_MovesOneSyncedOnTheReceivedDay()
    {
        var delta = new DailyPairDelta();
        delta.Record(DossierFact.From(World.DefaultDossier), DossierFact.From(World.DefaultDossier with { SyncedToPortal = true }));

        var change = delta.Changes.ShouldHaveSingleItem();
        change.Day.ShouldBe(April10);
        change.Counts.ShouldBe(new DayCounts { Synced = 1 });
    }

    [Fact]
    public void Delta_LateDossierResolvedOnTimeAfterCorrection_OverdueMovesOut()
    {
        var late = World.DefaultDossier with { DueAt = Dates.At("2024-04-20 17:00:00"), ComplaintOrDislike = true };
        var onTime = World.Resolved(late, "2024-04-19 10:00:00");
        var delta = new DailyPairDelta();

        delta.Record(DossierFact.From(late), DossierFact.From(onTime));

        var change = delta.OverdueChanges.ShouldHaveSingleItem();
        change.ShouldBe(("U1", April10, Dates.Day("2024-04-20"), new OverdueCounts(-1, -1)));
    }

    [Fact]
    public void Delta_NewLateDossier_OverdueInAtReceivedAndDueDay_RestatesFromTheEarlierDay()
    {
        var late = World.DefaultDossier with { DueAt = Dates.At("2024-04-20 17:00:00") };
        var delta = new DailyPairDelta();

        delta.Record(null, DossierFact.From(late));

        delta.OverdueChanges.ShouldHaveSingleItem().ShouldBe(("U1", April10, Dates.Day("2024-04-20"), new OverdueCounts(1, 0)));
        delta.EarliestDay.ShouldBe(April10);
    }

    [Fact]
    public void Delta_OnlyDueDayMoves_RestatesFromTheEarlierDueDay()
    {
        var before = World.DefaultDossier with { DueAt = Dates.At("2024-04-22 17:00:00") };
        var after = before with { DueAt = Dates.At("2024-04-20 17:00:00") };
        var delta = new DailyPairDelta();

        delta.Record(DossierFact.From(before), DossierFact.From(after));

        delta.Changes.ShouldBeEmpty();
        delta.EarliestDay.ShouldBe(Dates.Day("2024-04-20"));
    }
}
