using KpiIngest.Core.Indicators;
using KpiIngest.Core.Periods;
using KpiIngest.Core.Targets;
using KpiIngest.Core.Tests.Support;
using Shouldly;

namespace KpiIngest.Core.Tests.Snapshots;

/// <summary>indicators.md, "Targets", as the snapshot rows carry them.</summary>
public sealed class SnapshotTargetTests
{
    private static TargetSet Set(
        string from,
        Dictionary<IndicatorCode, decimal> defaults,
        Dictionary<int, IReadOnlyDictionary<IndicatorCode, decimal>>? levels = null,
        Dictionary<string, IReadOnlyDictionary<IndicatorCode, decimal>>? units = null) =>
        new(Dates.Day(from), "test", defaults, levels ?? [], units ?? new(StringComparer.Ordinal));

    /// <summary>Default 50, level 3 override 60, unit X1 override 70, for ONLINE_DOSSIER.</summary>
    private static World CreateWorld() => new World { Targets = new TargetBook([
            Set("2024-01-01",
                new() { [IndicatorCode.OnlineDossier] = 50m },
                new() { [3] = new Dictionary<IndicatorCode, decimal> { [IndicatorCode.OnlineDossier] = 60m } },
                new(StringComparer.Ordinal) { ["X1"] = new Dictionary<IndicatorCode, decimal> { [IndicatorCode.OnlineDossier] = 70m } }),
        ]) }
        .Unit("X1", 3).Unit("X2", 3).Unit("T1", 1);

    [Fact]
    public void Compose_UnitWithOverride_UsesUnitTarget()
    {
        CreateWorld().Compose("2024-04-30", PeriodKind.Mtd).UnitRow("X1", IndicatorCode.OnlineDossier).Target.ShouldBe(70m);
    }

    [Fact]
    public void Compose_UnitWithoutOverride_UsesLevelTarget()
    {
        CreateWorld().Compose("2024-04-30", PeriodKind.Mtd).UnitRow("X2", IndicatorCode.OnlineDossier).Target.ShouldBe(60m);
    }

    [Fact]
    public void Compose_UnitOfLevelWithoutOverride_UsesDefault()
    {
        CreateWorld().Compose("2024-04-30", PeriodKind.Mtd).UnitRow("T1", IndicatorCode.OnlineDossier).Target.ShouldBe(50m);
    }

    [Fact]
    public void Compose_LevelRow_UsesLevelTarget()
    {
        CreateWorld().Compose("2024-04-30", PeriodKind.Mtd).Level(3, IndicatorCode.OnlineDossier).Target.ShouldBe(60m);
    }

    [Fact]
    public void Compose_ProvinceRow_UsesDefault()
    {
        CreateWorld().Compose("2024-04-30", PeriodKind.Mtd).Province(IndicatorCode.OnlineDossier).Target.ShouldBe(50m);
    }

    [Fact]
    public void Compose_IndicatorNotInSet_NoTargetAndMetNull()
    {
        var world = CreateWorld().Dossier(d => d with { UnitId = "X1", FeeAmount = 1000m });

        var row = world.Compose("2024-04-30", PeriodKind.Mtd).Province(IndicatorCode.OnlinePayment);

        row.Target.ShouldBeNull();
        row.Met.ShouldBeNull();
    }

    [Fact]
    public void Compose_UnitOverride_DecidesMet()
    {
        // 2 of 3 online: 66.67 meets the level's 60 but not X1's own 70.
        var world = CreateWorld()
            .ManyDossiers(2, d => d with { UnitId = "X1", Channel = 2 })
            .Dossier(d => d with { UnitId = "X1" });

        world.Compose("2024-04-30", PeriodKind.Mtd).UnitRow("X1", IndicatorCode.OnlineDossier).Met.ShouldBe(false);
    }

    [Fact]
    public void Compose_YtdSnapshot_UsesSetInForceOnSnapshotDate()
    {
        var world = new World
        {
            Targets = new TargetBook([
                Set("2024-01-01", new() { [IndicatorCode.OnlineDossier] = 50m }),
                Set("2024-06-01", new() { [IndicatorCode.OnlineDossier] = 60m }),
            ]),
        }.Unit("U1");

        world.Compose("2024-06-15", PeriodKind.Ytd).Province(IndicatorCode.OnlineDossier).Target.ShouldBe(60m);
    }

    [Fact]
    public void Compose_BeforeFirstSet_NoTarget()
    {
        var world = new World().Unit("U1").Dossier(d => d with { ReceivedAt = Dates.At("2023-12-31 10:00:00") });

        var row = world.Compose("2023-12-31", PeriodKind.Day).Province(IndicatorCode.OnlineDossier);

        row.Target.ShouldBeNull();
        row.Met.ShouldBeNull();
    }

    [Fact]
    public void Compose_BuiltInOnFirstDay_HasBuiltInTarget()
    {
        var row = new World().Unit("U1").Compose("2024-01-01", PeriodKind.Day).Province(IndicatorCode.OnlinePayment);

        row.Target.ShouldBe(45m);
    }
}
