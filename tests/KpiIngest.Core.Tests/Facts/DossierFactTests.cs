using KpiIngest.Core.Facts;
using KpiIngest.Core.Tests.Support;
using Shouldly;

namespace KpiIngest.Core.Tests.Facts;

/// <summary>
/// indicators.md, "Words": received/resolved statuses and the local date a dossier is attributed to
/// ("a dossier received 23:59 local on 30 April belongs to April").
/// </summary>
public sealed class DossierFactTests
{
    [Fact]
    public void From_ReceivedAt235959Local_ReceivedThatDay()
    {
        var fact = DossierFact.From(World.DefaultDossier with { ReceivedAt = Dates.At("2024-04-30 23:59:59") });

        fact.ReceivedDay.ShouldBe(Dates.Day("2024-04-30"));
    }

    [Fact]
    public void From_ReceivedAt000000Local_ReceivedNextDay()
    {
        var fact = DossierFact.From(World.DefaultDossier with { ReceivedAt = Dates.At("2024-05-01 00:00:00") });

        fact.ReceivedDay.ShouldBe(Dates.Day("2024-05-01"));
    }

    [Fact]
    public void From_ValidatedUtcText_ReceivedOnLocalDay()
    {
        var raw = RawRowsBuilder.Dossier() with
        {
            Status = 2L, ReceivedAt = "2024-04-30T17:30:00Z", DueAt = null, ResolvedAt = null,
        };

        var fact = DossierFact.From(RawRowsBuilder.Validate(raw).Good.Single());

        fact.ReceivedDay.ShouldBe(Dates.Day("2024-05-01"));
    }

    [Fact]
    public void From_ValidatedPlus09Text_ReceivedOnPreviousLocalDay()
    {
        var raw = RawRowsBuilder.Dossier() with
        {
            Status = 2L, ReceivedAt = "2024-05-01T00:30:00+09:00", DueAt = null, ResolvedAt = null,
        };

        var fact = DossierFact.From(RawRowsBuilder.Validate(raw).Good.Single());

        fact.ReceivedDay.ShouldBe(Dates.Day("2024-04-30"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void From_NewOrRefused_IsNotReceived(int status)
    {
        var fact = DossierFact.From(World.DefaultDossier with { Status = status });

        fact.ReceivedDay.ShouldBeNull();
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void From_ReceivedStatus_IsReceived(int status)
    {
        var fact = DossierFact.From(World.DefaultDossier with { Status = status });

        fact.ReceivedDay.ShouldBe(Dates.Day("2024-04-10"));
    }

    [Fact]
    public void From_ProcessingWithResolvedAt_IsNotResolved()
    {
        var fact = DossierFact.From(World.DefaultDossier with { Status = 4, ResolvedAt = Dates.At("2024-04-12 10:00:00") });

        fact.ResolvedDay.ShouldBeNull();
    }

    [Theory]
    [InlineData(9)]
    [InlineData(10)]
    public void From_ProcessedOrReturned_ResolvedOnLocalDayOfResolvedAt(int status)
    {
        var fact = DossierFact.From(World.Resolved(World.DefaultDossier, "2024-04-12 23:59:59", status));

        fact.ResolvedDay.ShouldBe(Dates.Day("2024-04-12"));
    }

    [Fact]
    public void Contributions_ReceivedAndResolvedSameDay_OneDayCountingBoth()
    {
        var fact = DossierFact.From(World.Resolved(World.DefaultDossier, "2024-04-10 16:00:00"));

        var (day, counts) = fact.Contributions().ShouldHaveSingleItem();

        day.ShouldBe(Dates.Day("2024-04-10"));
        (counts.Received, counts.Resolved).ShouldBe((1, 1));
    }

    [Fact]
    public void Contributions_ResolvedOnLaterDay_ReceivedDayAndResolvedDay()
    {
        var fact = DossierFact.From(World.Resolved(World.DefaultDossier, "2024-04-12 10:00:00"));

        var days = fact.Contributions().ToList();

        days.Select(c => c.Day).ShouldBe([Dates.Day("2024-04-10"), Dates.Day("2024-04-12")]);
        days.Select(c => (c.Counts.Received, c.Counts.Resolved)).ShouldBe([(1L, 0L), (0L, 1L)]);
    }

    [Fact]
    public void Contributions_NotReceived_None()
    {
        var fact = DossierFact.From(World.DefaultDossier with { Status = 1 });

        fact.Contributions().ShouldBeEmpty();
    }
}
