using KpiIngest.Core.Indicators;

namespace KpiIngest.Core.Targets;

/// <summary>
/// One configured target set (indicators.md, "Targets"): complete in itself, in force from
/// <see cref="EffectiveFrom"/> until a later set starts. Unit ids are compared ordinally: they may differ
/// only in case.
/// </summary>
public sealed record TargetSet(
    DateOnly EffectiveFrom,
    string Source,
    IReadOnlyDictionary<IndicatorCode, decimal> Default,
    IReadOnlyDictionary<int, IReadOnlyDictionary<IndicatorCode, decimal>> Levels,
    IReadOnlyDictionary<string, IReadOnlyDictionary<IndicatorCode, decimal>> Units)
{
    /// <summary>The built-in set: NQ 02/NQ-CP and QĐ 766, effective 2024-01-01, none for indicators 8 and 9.</summary>
    public static TargetSet BuiltIn { get; } = new(
        new DateOnly(2024, 1, 1),
        "NQ 02/NQ-CP 05/01/2024 and QĐ 766/QĐ-TTg",
        Indicators.IndicatorCatalog.All
            .Where(i => i.BuiltInTarget is not null)
            .ToDictionary(i => i.Code, i => i.BuiltInTarget!.Value),
        new Dictionary<int, IReadOnlyDictionary<IndicatorCode, decimal>>(),
        new Dictionary<string, IReadOnlyDictionary<IndicatorCode, decimal>>(StringComparer.Ordinal));

    /// <summary>The province-wide target: the set's default.</summary>
    public decimal? ForProvince(IndicatorCode indicator) => Lookup(Default, indicator);

    /// <summary>A level's target: its override, else the default.</summary>
    public decimal? ForLevel(IndicatorCode indicator, int level) =>
        (Levels.TryGetValue(level, out var overrides) ? Lookup(overrides, indicator) : null) ?? ForProvince(indicator);

    /// <summary>A unit's target: its override, else its level's override, else the default.</summary>
    public decimal? ForUnit(IndicatorCode indicator, string unitId, int level) =>
        (Units.TryGetValue(unitId, out var overrides) ? Lookup(overrides, indicator) : null) ?? ForLevel(indicator, level);

    private static decimal? Lookup(IReadOnlyDictionary<IndicatorCode, decimal> targets, IndicatorCode indicator) =>
        targets.TryGetValue(indicator, out var target) ? target : null;
}
