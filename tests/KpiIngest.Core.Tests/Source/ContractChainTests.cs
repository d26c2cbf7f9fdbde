using KpiIngest.Core.Indicators;
using KpiIngest.Core.Periods;
using KpiIngest.Core.Source;
using KpiIngest.Core.Tests.Support;
using Shouldly;

namespace KpiIngest.Core.Tests.Source;

/// <summary>
/// source-contract.md, "Bad rows", across relations: what a quarantined unit or pair does to the dossiers
/// that refer to it, and that a quarantined dossier is kept out of every figure.
/// </summary>
public sealed class ContractChainTests
{
    private static HashSet<string> KnownIds(Validated<Unit> units) =>
        units.Good.Select(u => u.UnitId).ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void Validate_DossierOfUnitWithActiveToBeforeActiveFrom_QuarantinedAsUnknownUnit()
    {
        var units = UnitValidator.Validate(
            [RawRowsBuilder.Unit("U1"), RawRowsBuilder.Unit("U2") with { ActiveFrom = "2025-07-01", ActiveTo = "2025-06-30" }],
            RawRowsBuilder.Times);
        var sut = new DossierValidator(KnownIds(units), RawRowsBuilder.Times, RawRowsBuilder.LatestPlausibleUpdate);

        var result = sut.Validate([RawRowsBuilder.Dossier() with { UnitId = "U2" }]);

        result.Good.ShouldBeEmpty();
        result.Quarantined.ShouldHaveSingleItem();
    }

    [Fact]
    public void Validate_DossierOfDuplicatedUnit_QuarantinedAsUnknownUnit()
    {
        var units = UnitValidator.Validate([RawRowsBuilder.Unit("U1"), RawRowsBuilder.Unit("U1")], RawRowsBuilder.Times);
        var sut = new DossierValidator(KnownIds(units), RawRowsBuilder.Times, RawRowsBuilder.LatestPlausibleUpdate);

        var result = sut.Validate([RawRowsBuilder.Dossier()]);

        result.Good.ShouldBeEmpty();
    }

    [Fact]
    public void Compose_DossierOfQuarantinedPair_CountsAsUncatalogued()
    {
        // requires_result = 2 quarantines the pair; its resolved dossier then counts for E_RESULT as uncatalogued.
        var pairs = ProcedureValidator.Validate(
            [RawRowsBuilder.Procedure("U1", "P1") with { RequiresResult = 2L, OnlineMode = 4L }], RawRowsBuilder.KnownUnits, RawRowsBuilder.Times);
        var world = new World().Unit("U1");
        foreach (var pair in pairs.Good)
        {
            world.Pair(pair.UnitId, pair.ProcedureCode, pair.OnlineMode, pair.HasFee, pair.OnlinePayment, pair.RequiresResult);
        }

        world.Dossier(d => World.Resolved(d with { Channel = 2 }, "2024-04-12 10:00:00"));
        var rows = world.Compose("2024-04-30", PeriodKind.Mtd);

        rows.Province(IndicatorCode.EResult).ShouldCount(0, 1);
        rows.Province(IndicatorCode.FullOnlineDossier).ShouldCount(0, 0);
    }

    [Fact]
    public void Compose_QuarantinedDossier_KeptOutOfEveryFigure()
    {
        var validated = RawRowsBuilder.Validate(
            RawRowsBuilder.Dossier("D1") with { ReceivedAt = "2024-04-10 09:00:00" },
            RawRowsBuilder.Dossier("D2") with { FeeAmount = -1m });
        var world = new World().Unit("U1");
        foreach (var dossier in validated.Good)
        {
            world.Dossier(_ => dossier);
        }

        var rows = world.Compose("2024-04-30", PeriodKind.Mtd);

        rows.Province(IndicatorCode.OnlineDossier).ShouldCount(1, 1);
        rows.Province(IndicatorCode.OnlinePayment).ShouldCount(1, 1);
    }
}
