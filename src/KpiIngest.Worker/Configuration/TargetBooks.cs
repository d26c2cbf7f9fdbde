using System.Globalization;
using KpiIngest.Core.Indicators;
using KpiIngest.Core.Targets;
using Microsoft.Extensions.Options;

namespace KpiIngest.Worker.Configuration;

/// <summary>
/// Section Targets made into the <see cref="TargetBook"/> every component uses (registered once); no sets configured
/// means the built-in NQ 02 set. Building is the check: the first bad key throws <see cref="ConfigurationException"/>.
/// </summary>
public static class TargetBooks
{
    public static TargetBook From(IOptions<TargetsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Build(options.Value);
    }

    public static TargetBook Build(TargetsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Sets.Count == 0)
        {
            return TargetBook.BuiltIn;
        }

        var sets = new List<TargetSet>();
        for (var i = 0; i < options.Sets.Count; i++)
        {
            var set = options.Sets[i];
            var key = $"Targets:Sets:{i}";
            Require(DateOnly.TryParseExact(set.EffectiveFrom, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from),
                $"{key}:EffectiveFrom '{set.EffectiveFrom}' is not a date in yyyy-MM-dd form.");
            Require(sets.TrueForAll(s => s.EffectiveFrom != from),
                $"{key}:EffectiveFrom {set.EffectiveFrom} is the start of another target set too.");
            var levels = new Dictionary<int, IReadOnlyDictionary<IndicatorCode, decimal>>();
            for (var l = 0; l < set.Levels.Count; l++)
            {
                var level = set.Levels[l];
                Require(level.Level is 1 or 2 or 3, $"{key}:Levels:{l}:Level {level.Level} is not 1, 2 or 3.");
                Require(!levels.ContainsKey(level.Level), $"{key}:Levels:{l}:Level {level.Level} is listed twice.");
                levels[level.Level] = Percentages(level.Targets, $"{key}:Levels:{l}:Targets");
            }

            var units = new Dictionary<string, IReadOnlyDictionary<IndicatorCode, decimal>>(StringComparer.Ordinal);
            for (var u = 0; u < set.Units.Count; u++)
            {
                var unit = set.Units[u];
                Require(!string.IsNullOrEmpty(unit.UnitId), $"{key}:Units:{u}:UnitId is empty.");
                Require(!units.ContainsKey(unit.UnitId), $"{key}:Units:{u}:UnitId '{unit.UnitId}' is listed twice.");
                units[unit.UnitId] = Percentages(unit.Targets, $"{key}:Units:{u}:Targets");
            }

            var source = string.IsNullOrWhiteSpace(set.Source) ? $"configured set from {set.EffectiveFrom}" : set.Source;
            sets.Add(new TargetSet(from, source, Percentages(set.Default, $"{key}:Default"), levels, units));
        }

        return new TargetBook(sets);
    }

    private static Dictionary<IndicatorCode, decimal> Percentages(Dictionary<string, decimal> configured, string key)
    {
        var targets = new Dictionary<IndicatorCode, decimal>();
        foreach (var (code, percent) in configured)
        {
            Require(IndicatorCatalog.TryParse(code, out var indicator),
                $"{key}:{code} is not an indicator code (one of {string.Join(", ", IndicatorCatalog.All.Select(i => i.Text))}).");
            Require(percent is >= 0 and <= 100, $"{key}:{code} target {percent.ToString(CultureInfo.InvariantCulture)} is outside 0..100.");
            targets[indicator] = percent;
        }

        return targets;
    }

    private static void Require(bool condition, string sentence) => ConfigurationException.Require(condition, sentence);
}

/// <summary>Section Targets: every set builds into a <see cref="TargetBook"/>.</summary>
public sealed class TargetsOptionsValidator : SectionValidator<TargetsOptions>
{
    protected override void Check(TargetsOptions options) => _ = TargetBooks.Build(options);
}
