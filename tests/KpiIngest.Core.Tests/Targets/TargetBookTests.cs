using KpiIngest.Core.Indicators;
using KpiIngest.Core.Targets;
using KpiIngest.Core.Tests.Support;
using Shouldly;

namespace KpiIngest.Core.Tests.Targets;

/// <summary>indicators.md, "Targets".</summary>
public sealed class TargetBookTests
{
    private static TargetSet Set(
        string from,
        Dictionary<IndicatorCode, decimal> defaults,
        Dictionary<int, IReadOnlyDictionary<IndicatorCode, decimal>>? levels = null,
        Dictionary<string, IReadOnlyDictionary<IndicatorCode, decimal>>? units = null) =>
        new(Dates.Day(from), "set of " + from, defaults, levels ?? [], units ?? new(StringComparer.Ordinal));

    private static TargetBook CreateSut() => new([
        Set("2024-01-01", new() { [IndicatorCode.OnlineDossier] = 50m }),
        Set("2025-01-01", new() { [IndicatorCode.OnlineDossier] = 60m }),
    ]);

    [Fact]
    public void InForce_OnEffectiveDate_IsThatSet()
    {
        CreateSut().InForce(Dates.Day("2025-01-01"))!.Source.ShouldBe("set of 2025-01-01");
    }

    [Fact]
    public void InForce_DayBeforeNewSet_IsOldSet()
    {
        CreateSut().InForce(Dates.Day("2024-12-31"))!.Source.ShouldBe("set of 2024-01-01");
    }

    [Fact]
    public void InForce_LongAfterLatestSet_IsLatestSet()
    {
        CreateSut().InForce(Dates.Day("2030-06-01"))!.Source.ShouldBe("set of 2025-01-01");
    }

    [Fact]
    public void InForce_BeforeFirstSet_IsNull()
    {
        CreateSut().InForce(Dates.Day("2023-12-31")).ShouldBeNull();
    }

    [Fact]
    public void InForce_SetsGivenOutOfOrder_IsLatestStartedSet()
    {
        var sut = new TargetBook([
            Set("2025-01-01", new() { [IndicatorCode.OnlineDossier] = 60m }),
            Set("2026-01-01", new() { [IndicatorCode.OnlineDossier] = 70m }),
            Set("2024-01-01", new() { [IndicatorCode.OnlineDossier] = 50m }),
        ]);

        sut.InForce(Dates.Day("2025-07-01"))!.Source.ShouldBe("set of 2025-01-01");
    }

    [Fact]
    public void InForce_ConfiguredSetsOnly_BuiltInNotUsedBeforeThem()
    {
        var sut = new TargetBook([Set("2025-01-01", new() { [IndicatorCode.OnlineDossier] = 60m })]);

        sut.InForce(Dates.Day("2024-06-01")).ShouldBeNull();
    }

    [Fact]
    public void ForProvince_IndicatorNotNamed_NoTargetEvenIfBuiltInHadOne()
    {
        var set = Set("2025-01-01", new() { [IndicatorCode.OnlineDossier] = 60m });

        set.ForProvince(IndicatorCode.OnlinePayment).ShouldBeNull();
    }

    [Fact]
    public void ForUnit_IndicatorNotNamedAnywhere_NoTarget()
    {
        var set = Set("2025-01-01", new() { [IndicatorCode.OnlineDossier] = 60m });

        set.ForUnit(IndicatorCode.Digitized, "U1", 3).ShouldBeNull();
    }

    // ---- the built-in set -------------------------------------------------------------------

    [Theory]
    [InlineData(IndicatorCode.OnlineDossier, 50)]
    [InlineData(IndicatorCode.OnlinePayment, 45)]
    [InlineData(IndicatorCode.Digitized, 80)]
    [InlineData(IndicatorCode.EResult, 100)]
    [InlineData(IndicatorCode.DataReuse, 50)]
    [InlineData(IndicatorCode.OnlineServiceUsed, 100)]
    [InlineData(IndicatorCode.OnlinePaymentUsed, 100)]
    public void BuiltIn_IndicatorsOneToSeven_HaveNq02Targets(IndicatorCode indicator, int expected)
    {
        TargetSet.BuiltIn.ForProvince(indicator).ShouldBe(expected);
    }

    [Theory]
    [InlineData(IndicatorCode.OnTime)]
    [InlineData(IndicatorCode.FullOnlineDossier)]
    public void BuiltIn_OnTimeAndFullOnline_HaveNoTarget(IndicatorCode indicator)
    {
        TargetSet.BuiltIn.ForProvince(indicator).ShouldBeNull();
    }

    [Fact]
    public void BuiltIn_EffectiveFrom_Is20240101()
    {
        TargetSet.BuiltIn.EffectiveFrom.ShouldBe(Dates.Day("2024-01-01"));
    }

    [Fact]
    public void BuiltInBook_FirstDay_IsBuiltInSet()
    {
        TargetBook.BuiltIn.InForce(Dates.Day("2024-01-01")).ShouldBeSameAs(TargetSet.BuiltIn);
    }

    [Fact]
    public void BuiltInBook_Before2024_NoSet()
    {
        TargetBook.BuiltIn.InForce(Dates.Day("2023-12-31")).ShouldBeNull();
    }

    // ---- overrides --------------------------------------------------------------------------

    /// <summary>ONLINE_DOSSIER: default 50, level 3 → 60, unit "u1" → 70; DIGITIZED: default 80, unit "u1" → 90.</summary>
    private static TargetSet Overridden() => Set(
        "2024-01-01",
        new() { [IndicatorCode.OnlineDossier] = 50m, [IndicatorCode.Digitized] = 80m },
        new() { [3] = new Dictionary<IndicatorCode, decimal> { [IndicatorCode.OnlineDossier] = 60m } },
        new(StringComparer.Ordinal)
        {
            ["u1"] = new Dictionary<IndicatorCode, decimal> { [IndicatorCode.OnlineDossier] = 70m, [IndicatorCode.Digitized] = 90m },
        });

    [Fact]
    public void ForUnit_UnitOverride_BeatsLevelOverride()
    {
        Overridden().ForUnit(IndicatorCode.OnlineDossier, "u1", 3).ShouldBe(70m);
    }

    [Fact]
    public void ForUnit_NoUnitOverride_UsesLevelOverride()
    {
        Overridden().ForUnit(IndicatorCode.OnlineDossier, "u2", 3).ShouldBe(60m);
    }

    [Fact]
    public void ForUnit_NoUnitOrLevelOverride_UsesDefault()
    {
        Overridden().ForUnit(IndicatorCode.OnlineDossier, "u2", 1).ShouldBe(50m);
    }

    [Fact]
    public void ForUnit_UnitOverrideBeatsDefaultWithoutLevelOverride()
    {
        Overridden().ForUnit(IndicatorCode.Digitized, "u1", 3).ShouldBe(90m);
    }

    [Fact]
    public void ForUnit_UnitIdDifferingInCase_OverrideDoesNotApply()
    {
        Overridden().ForUnit(IndicatorCode.OnlineDossier, "U1", 3).ShouldBe(60m);
    }

    [Fact]
    public void ForLevel_LevelOverride_BeatsDefault()
    {
        Overridden().ForLevel(IndicatorCode.OnlineDossier, 3).ShouldBe(60m);
    }

    [Fact]
    public void ForLevel_NoLevelOverride_UsesDefault()
    {
        Overridden().ForLevel(IndicatorCode.OnlineDossier, 2).ShouldBe(50m);
    }

    [Fact]
    public void ForProvince_WithOverrides_UsesDefault()
    {
        Overridden().ForProvince(IndicatorCode.OnlineDossier).ShouldBe(50m);
    }
}
