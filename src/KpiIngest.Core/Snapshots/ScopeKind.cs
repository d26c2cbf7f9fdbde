namespace KpiIngest.Core.Snapshots;

/// <summary>Where a snapshot row's figures are summed (indicators.md, "Scopes").</summary>
public enum ScopeKind
{
    Province,
    Level,
    Unit,
}

public static class ScopeKinds
{
    public static string Text(this ScopeKind scope) => scope switch
    {
        ScopeKind.Province => "PROVINCE",
        ScopeKind.Level => "LEVEL",
        ScopeKind.Unit => "UNIT",
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, null),
    };

    public static bool TryParse(string? text, out ScopeKind scope)
    {
        foreach (var candidate in Enum.GetValues<ScopeKind>())
        {
            if (string.Equals(candidate.Text(), text, StringComparison.OrdinalIgnoreCase))
            {
                scope = candidate;
                return true;
            }
        }

        scope = default;
        return false;
    }

    public static ScopeKind Parse(string text) =>
        TryParse(text, out var scope) ? scope : throw new FormatException($"'{text}' is not a scope (PROVINCE, LEVEL, UNIT).");

    /// <summary>The Vietnamese name of a level (1 Cấp tỉnh, 2 Cấp huyện, 3 Cấp xã).</summary>
    public static string LevelName(int level) => level switch
    {
        1 => "Cấp tỉnh",
        2 => "Cấp huyện",
        3 => "Cấp xã",
        _ => $"Cấp {level}",
    };
}
