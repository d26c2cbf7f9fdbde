namespace KpiIngest.Worker.Configuration;

/// <summary>Section Targets: configured target sets; none configured means the built-in NQ 02 set.</summary>
public sealed class TargetsOptions
{
    public const string Section = "Targets";

    public List<TargetSetOptions> Sets { get; set; } = [];
}

public sealed class TargetSetOptions
{
    /// <summary>yyyy-MM-dd: the first snapshot date the set applies to.</summary>
    public string EffectiveFrom { get; set; } = "";

    public string Source { get; set; } = "";

    /// <summary>Indicator code to percent.</summary>
    public Dictionary<string, decimal> Default { get; set; } = [];

    public List<LevelTargetsOptions> Levels { get; set; } = [];

    public List<UnitTargetsOptions> Units { get; set; } = [];
}

public sealed class LevelTargetsOptions
{
    public int Level { get; set; }

    public Dictionary<string, decimal> Targets { get; set; } = [];
}

/// <summary>A unit override is a list item, not a key: unit ids may contain ':' or differ only in case.</summary>
public sealed class UnitTargetsOptions
{
    public string UnitId { get; set; } = "";

    public Dictionary<string, decimal> Targets { get; set; } = [];
}
