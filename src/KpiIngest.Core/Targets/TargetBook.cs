namespace KpiIngest.Core.Targets;

/// <summary>The target sets in effect over time; configured sets replace the built-in one entirely.</summary>
public sealed class TargetBook
{
    private readonly TargetSet[] _setsByStart;

    public TargetBook(IEnumerable<TargetSet> sets)
    {
        _setsByStart = [.. sets.OrderBy(s => s.EffectiveFrom)];
    }

    public static TargetBook BuiltIn { get; } = new([TargetSet.BuiltIn]);

    public IReadOnlyList<TargetSet> Sets => _setsByStart;

    /// <summary>The latest set whose start is on or before <paramref name="asOf"/>; null before the first one.</summary>
    public TargetSet? InForce(DateOnly asOf) => _setsByStart.LastOrDefault(s => s.EffectiveFrom <= asOf);
}
