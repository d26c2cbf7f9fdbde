using KpiIngest.Core.Facts;
using KpiIngest.Core.Periods;
using KpiIngest.Core.Scorecard;
using KpiIngest.Core.Source;
using KpiIngest.Core.Tests.Support;
using Shouldly;

namespace KpiIngest.Core.Tests.Scorecard;

/// <summary>
/// scorecard.md, "Overdue at S": a dossier of R with a due time whose local due date is S or earlier, not resolved by
/// its due time (status not 9/10, or resolved_at after due_at); statuses 7 and 8 judged the same; flags and statuses
/// as they are now. Dossiers go through their facts and kpi_daily_overdue's delta, as the ingest stores them.
/// </summary>
public sealed class OverdueWalkTests
{
    private static readonly Dossier Received0410 = World.DefaultDossier with { DueAt = Dates.At("2024-04-20 23:59:59") };

    private static OverdueWalk Walk(params Dossier[] dossiers)
    {
        var delta = new DailyPairDelta();
        foreach (var dossier in dossiers)
        {
            delta.Record(null, DossierFact.From(dossier));
        }

        return new OverdueWalk(delta.OverdueChanges.Select(c => new DailyOverdueRow(c.UnitId, c.ReceivedDay, c.DueDay, c.Counts)));
    }

    private static long OverdueAt(OverdueWalk walk, string date, PeriodKind kind = PeriodKind.Mtd) =>
        walk.At(Dates.Day(date), kind).GetValueOrDefault("U1").Overdue;

    [Fact]
    public void At_DueAt235959OfS_OverdueAtS()
    {
        var walk = Walk(Received0410);

        OverdueAt(walk, "2024-04-19").ShouldBe(0);
        OverdueAt(walk, "2024-04-20").ShouldBe(1);
    }

    [Fact]
    public void At_DueAtMidnightAfterS_OnTimeAtS()
    {
        var walk = Walk(Received0410 with { DueAt = Dates.At("2024-04-21 00:00:00") });

        OverdueAt(walk, "2024-04-20").ShouldBe(0);
        OverdueAt(walk, "2024-04-21").ShouldBe(1);
    }

    [Fact]
    public void At_ResolvedLateAfterS_OverdueAtEveryDateFromItsDueDay()
    {
        var walk = Walk(World.Resolved(Received0410, "2024-04-25 08:00:00"));

        OverdueAt(walk, "2024-04-19").ShouldBe(0);
        OverdueAt(walk, "2024-04-20").ShouldBe(1);
        OverdueAt(walk, "2024-04-24").ShouldBe(1);
        OverdueAt(walk, "2024-04-30").ShouldBe(1);
    }

    [Fact]
    public void At_ResolvedByItsDueTime_NeverOverdue()
    {
        var walk = Walk(World.Resolved(Received0410, "2024-04-20 23:59:59"));

        OverdueAt(walk, "2024-04-20").ShouldBe(0);
        OverdueAt(walk, "2024-04-30").ShouldBe(0);
    }

    [Fact]
    public void At_NoDueTime_NeverOverdue()
    {
        var walk = Walk(World.DefaultDossier with { DueAt = null });

        OverdueAt(walk, "2024-04-30").ShouldBe(0);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    public void At_WithdrawnOrStoppedPastItsDueDay_Overdue(int status)
    {
        var walk = Walk(Received0410 with { Status = status });

        OverdueAt(walk, "2024-04-20").ShouldBe(1);
    }

    [Fact]
    public void At_ReceivedBeforeThePeriod_NotCounted()
    {
        var walk = Walk(World.DefaultDossier with
        {
            ReceivedAt = Dates.At("2024-03-28 09:00:00"), DueAt = Dates.At("2024-04-02 17:00:00"),
        });

        OverdueAt(walk, "2024-04-05", PeriodKind.Mtd).ShouldBe(0);
        OverdueAt(walk, "2024-04-05", PeriodKind.Ytd).ShouldBe(1);
        OverdueAt(walk, "2024-03-31", PeriodKind.Mtd).ShouldBe(0);
    }

    [Fact]
    public void At_Complaint_CountsOverdueWithComplaint()
    {
        var walk = Walk(Received0410 with { ComplaintOrDislike = true }, Received0410 with { DossierId = "D2" });

        walk.At(Dates.Day("2024-04-20"), PeriodKind.Mtd)["U1"].ShouldBe(new OverdueCounts(2, 1));
    }

    [Fact]
    public void At_ManyDatesOfSeveralPeriods_EqualsTheRuleEvaluatedPerDate()
    {
        var dossiers = Enumerable.Range(0, 120).Select(i => World.DefaultDossier with
        {
            DossierId = $"D{i}",
            UnitId = i % 3 == 0 ? "U2" : "U1",
            ReceivedAt = Dates.At("2024-03-01 08:00:00").AddDays(i % 70).AddHours(i % 9),
            DueAt = i % 11 == 0 ? null : Dates.At("2024-03-01 08:00:00").AddDays((i % 70) + (i % 13)).AddHours(i % 17),
            Status = i % 5 == 0 ? 10 : 4,
            ResolvedAt = i % 5 == 0 ? Dates.At("2024-03-01 08:00:00").AddDays((i % 70) + (i % 7)) : null,
        }).ToList();
        var walk = Walk([.. dossiers]);

        foreach (var kind in new[] { PeriodKind.Day, PeriodKind.Mtd, PeriodKind.Qtd, PeriodKind.Ytd })
        {
            for (var date = Dates.Day("2024-03-01"); date <= Dates.Day("2024-05-31"); date = date.AddDays(1))
            {
                var expected = dossiers
                    .Where(d => DateOnly.FromDateTime(d.ReceivedAt!.Value) >= kind.Start(date) && DateOnly.FromDateTime(d.ReceivedAt!.Value) <= date)
                    .Where(d => d.DueAt is { } due && due < date.AddDays(1).ToDateTime(TimeOnly.MinValue))
                    .Where(d => !(Dossier.IsResolvedStatus(d.Status) && d.ResolvedAt <= d.DueAt))
                    .GroupBy(d => d.UnitId)
                    .ToDictionary(g => g.Key, g => new OverdueCounts(g.LongCount(), 0));

                walk.At(date, kind).ShouldBe(expected, $"{kind.Text()} {date}");
            }
        }
    }
}
