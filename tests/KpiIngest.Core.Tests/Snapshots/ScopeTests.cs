using KpiIngest.Core.Indicators;
using KpiIngest.Core.Periods;
using KpiIngest.Core.Snapshots;
using KpiIngest.Core.Tests.Support;
using Shouldly;

namespace KpiIngest.Core.Tests.Snapshots;

/// <summary>indicators.md, "Scopes" and "every scope's ratio is computed from the sums of N and D over that scope".</summary>
public sealed class ScopeTests
{
    private static readonly int IndicatorCount = Enum.GetValues<IndicatorCode>().Length;

    [Fact]
    public void Compose_TwoUnits_ProvinceIsRatioOfSumsNotAverageOfRatios()
    {
        var world = new World().Unit("U1", 3).Unit("U2", 3)
            .Dossier(d => d with { UnitId = "U1", Channel = 2 })
            .Dossier(d => d with { UnitId = "U2", Channel = 2 })
            .ManyDossiers(2, d => d with { UnitId = "U2", Channel = 1 });

        var row = world.Compose("2024-04-30", PeriodKind.Mtd).Province(IndicatorCode.OnlineDossier);

        row.ShouldCount(2, 4);
        row.Ratio.ShouldBe(50m); // the average of 100 and 33.33 would be 66.67
    }

    [Fact]
    public void Compose_TwoUnitsOfOneLevel_LevelIsRatioOfSums()
    {
        var world = new World().Unit("U1", 3).Unit("U2", 3)
            .Dossier(d => d with { UnitId = "U1", Channel = 2 })
            .Dossier(d => d with { UnitId = "U2", Channel = 2 })
            .ManyDossiers(2, d => d with { UnitId = "U2", Channel = 1 });

        var row = world.Compose("2024-04-30", PeriodKind.Mtd).Level(3, IndicatorCode.OnlineDossier);

        row.ShouldCount(2, 4);
        row.Ratio.ShouldBe(50m);
    }

    [Fact]
    public void Compose_DossierOfChildUnit_CountsForItsOwnUnitOnly()
    {
        var world = new World().Unit("PARENT", 1).Unit("CHILD", 1, parentId: "PARENT")
            .Dossier(d => d with { UnitId = "CHILD" });

        var rows = world.Compose("2024-04-30", PeriodKind.Mtd);

        rows.UnitRow("CHILD", IndicatorCode.OnlineDossier).Denominator.ShouldBe(1);
        rows.UnitRow("PARENT", IndicatorCode.OnlineDossier).Denominator.ShouldBe(0);
    }

    [Fact]
    public void Compose_UnitRows_ScopeIdIsUnitIdAndLevelItsLevel()
    {
        var rows = new World().Unit("U1", 2).Compose("2024-04-30", PeriodKind.Mtd);

        var row = rows.UnitRow("U1", IndicatorCode.OnlineDossier);
        row.Level.ShouldBe(2);
    }

    [Fact]
    public void Compose_ActiveUnitWithoutDossiers_NineRowsWithNoData()
    {
        var rows = new World().Unit("U1", 3).Compose("2024-04-30", PeriodKind.Mtd).OfScope(ScopeKind.Unit, "U1");

        rows.Count.ShouldBe(IndicatorCount);
        rows.Select(r => r.Indicator).ShouldBe(Enum.GetValues<IndicatorCode>(), ignoreOrder: true);
        rows.ShouldAllBe(r => r.Denominator == 0 && r.Ratio == null && r.Met == null);
    }

    [Fact]
    public void Compose_EveryScope_HasOneRowPerIndicator()
    {
        var rows = new World().Unit("U1", 1).Unit("U2", 2).Unit("U3", 3)
            .Dossier(d => d with { UnitId = "U3" })
            .Compose("2024-04-30", PeriodKind.Mtd);

        rows.GroupBy(r => (r.Scope, r.ScopeId))
            .ShouldAllBe(g => g.Select(r => r.Indicator).Distinct().Count() == IndicatorCount && g.Count() == IndicatorCount);
        rows.Count.ShouldBe((1 + 3 + 3) * IndicatorCount);
    }

    [Fact]
    public void Compose_UnitInactiveInPeriodWithCountedDossier_HasRows()
    {
        var world = new World().Unit("U1", 3).Unit("U2", 3, activeTo: "2024-03-31")
            .Dossier(d => d with { UnitId = "U2", ReceivedAt = Dates.At("2024-04-05 09:00:00") });

        var rows = world.Compose("2024-04-30", PeriodKind.Mtd).OfScope(ScopeKind.Unit, "U2");

        rows.Count.ShouldBe(IndicatorCount);
        rows.Single(r => r.Indicator == IndicatorCode.OnlineDossier).ShouldCount(0, 1);
    }

    [Fact]
    public void Compose_UnitInactiveInPeriodWithoutDossiers_HasNoRows()
    {
        var world = new World().Unit("U1", 3).Unit("U2", 3, activeTo: "2024-03-31");

        world.Compose("2024-04-30", PeriodKind.Mtd).OfScope(ScopeKind.Unit, "U2").ShouldBeEmpty();
    }

    [Fact]
    public void Compose_UnitInactiveWithDossierOutsidePeriod_HasNoRows()
    {
        var world = new World().Unit("U1", 3).Unit("U2", 3, activeTo: "2024-03-31")
            .Dossier(d => d with { UnitId = "U2", ReceivedAt = Dates.At("2024-03-30 09:00:00") });

        world.Compose("2024-04-30", PeriodKind.Mtd).OfScope(ScopeKind.Unit, "U2").ShouldBeEmpty();
    }

    [Fact]
    public void Compose_UnitNotYetCreated_HasNoRows()
    {
        var world = new World().Unit("U1", 3).Unit("U2", 3, activeFrom: "2024-05-01");

        world.Compose("2024-04-30", PeriodKind.Mtd).OfScope(ScopeKind.Unit, "U2").ShouldBeEmpty();
    }

    [Fact]
    public void Compose_LevelWithoutUnits_HasNoRows()
    {
        var rows = new World().Unit("U1", 1).Unit("U3", 3).Compose("2024-04-30", PeriodKind.Mtd);

        rows.OfScope(ScopeKind.Level, "2").ShouldBeEmpty();
    }

    [Fact]
    public void Compose_LevelWithOnlyInactiveUnits_HasNoRows()
    {
        var rows = new World().Unit("U1", 1).Unit("H1", 2, activeTo: "2024-03-31").Compose("2024-04-30", PeriodKind.Mtd);

        rows.OfScope(ScopeKind.Level, "2").ShouldBeEmpty();
    }

    [Fact]
    public void Compose_LevelsWithUnits_ScopeIdsAreLevelNumbers()
    {
        var rows = new World().Unit("U1", 1).Unit("U2", 2).Unit("U3", 3).Compose("2024-04-30", PeriodKind.Mtd);

        rows.Where(r => r.Scope == ScopeKind.Level).Select(r => r.ScopeId).Distinct().ShouldBe(["1", "2", "3"], ignoreOrder: true);
    }

    [Fact]
    public void Compose_NoUnitsAtAll_ProvinceStillHasNineRows()
    {
        var rows = new World().Compose("2024-04-30", PeriodKind.Mtd);

        var province = rows.OfScope(ScopeKind.Province, "");
        province.Count.ShouldBe(IndicatorCount);
        province.ShouldAllBe(r => r.Denominator == 0 && r.Ratio == null && r.Met == null);
    }

    [Fact]
    public void Compose_ProvinceScopeId_IsEmpty()
    {
        var rows = new World().Unit("U1", 1).Compose("2024-04-30", PeriodKind.Mtd);

        rows.Where(r => r.Scope == ScopeKind.Province).Select(r => r.ScopeId).Distinct().ShouldBe([""]);
    }

    [Fact]
    public void Compose_ProvinceCountsEveryUnitAcrossLevels()
    {
        var world = new World().Unit("T1", 1).Unit("H1", 2).Unit("X1", 3)
            .Dossier(d => d with { UnitId = "T1", Channel = 2 })
            .Dossier(d => d with { UnitId = "H1" })
            .Dossier(d => d with { UnitId = "X1", Channel = 2 });

        world.Compose("2024-04-30", PeriodKind.Mtd).Province(IndicatorCode.OnlineDossier).ShouldCount(2, 3);
    }

    // ---- the 2025 reorganisation: districts (level 2) end on 2025-06-30 -----------------------

    private static World Reorganised() => new World()
        .Unit("T1", 1)
        .Unit("H1", 2, activeTo: "2025-06-30")
        .Unit("X1", 3);

    [Fact]
    public void Compose_DistrictResolvingInJuly_KeepsUnitRowsForJuly()
    {
        var world = Reorganised().Dossier(d => World.Resolved(
            d with { UnitId = "H1", ReceivedAt = Dates.At("2025-06-20 09:00:00") }, "2025-07-10 10:00:00"));

        var rows = world.Compose("2025-07-31", PeriodKind.Mtd);

        rows.OfScope(ScopeKind.Unit, "H1").Count.ShouldBe(IndicatorCount);
        rows.UnitRow("H1", IndicatorCode.EResult).ShouldCount(0, 1);
    }

    [Fact]
    public void Compose_DistrictResolvingInJuly_KeepsLevelRowsForJuly()
    {
        var world = Reorganised().Dossier(d => World.Resolved(
            d with { UnitId = "H1", ReceivedAt = Dates.At("2025-06-20 09:00:00") }, "2025-07-10 10:00:00"));

        var rows = world.Compose("2025-07-31", PeriodKind.Mtd);

        rows.OfScope(ScopeKind.Level, "2").Count.ShouldBe(IndicatorCount);
        rows.Level(2, IndicatorCode.EResult).ShouldCount(0, 1);
    }

    [Fact]
    public void Compose_DistrictWithoutJulyDossier_NoUnitOrLevelRowsForJuly()
    {
        var world = Reorganised().Dossier(d => d with { UnitId = "H1", ReceivedAt = Dates.At("2025-06-20 09:00:00") });

        var rows = world.Compose("2025-07-31", PeriodKind.Mtd);

        rows.OfScope(ScopeKind.Unit, "H1").ShouldBeEmpty();
        rows.OfScope(ScopeKind.Level, "2").ShouldBeEmpty();
    }

    [Fact]
    public void Compose_DistrictOnItsLastDay_HasRows()
    {
        var rows = Reorganised().Compose("2025-06-30", PeriodKind.Day);

        rows.OfScope(ScopeKind.Unit, "H1").Count.ShouldBe(IndicatorCount);
        rows.OfScope(ScopeKind.Level, "2").Count.ShouldBe(IndicatorCount);
    }

    [Fact]
    public void Compose_DistrictYtdAfterAbolition_HasRowsForTheYear()
    {
        var rows = Reorganised().Compose("2025-07-31", PeriodKind.Ytd);

        rows.OfScope(ScopeKind.Unit, "H1").Count.ShouldBe(IndicatorCount);
    }

    [Fact]
    public void Compose_DistrictResolvingInJuly_CatalogPairsNotInJulyDenominators()
    {
        var world = Reorganised()
            .Pair("H1", "A", onlineMode: 3, hasFee: true, onlinePayment: true)
            .Dossier(d => World.Resolved(
                d with { UnitId = "H1", ProcedureCode = "A", ReceivedAt = Dates.At("2025-06-20 09:00:00") }, "2025-07-10 10:00:00"));

        var rows = world.Compose("2025-07-31", PeriodKind.Mtd);

        rows.UnitRow("H1", IndicatorCode.OnlineServiceUsed).ShouldCount(0, 0);
        rows.UnitRow("H1", IndicatorCode.OnlinePaymentUsed).ShouldCount(0, 0);
    }

    [Fact]
    public void Compose_ProvinceAfterReorganisation_CountsDistrictDossiers()
    {
        var world = Reorganised()
            .Dossier(d => World.Resolved(
                d with { UnitId = "H1", ReceivedAt = Dates.At("2025-06-20 09:00:00"), EResult = true }, "2025-07-10 10:00:00"))
            .Dossier(d => World.Resolved(
                d with { UnitId = "X1", ReceivedAt = Dates.At("2025-07-02 09:00:00") }, "2025-07-03 10:00:00"));

        world.Compose("2025-07-31", PeriodKind.Mtd).Province(IndicatorCode.EResult).ShouldCount(1, 2);
    }
}
