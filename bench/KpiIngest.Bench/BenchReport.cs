using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace KpiIngest.Bench;

/// <summary>
/// One province size measured: the engine's native copy of the raw rows (into an unindexed table) and grouped scan, and
/// each CLI verb as a whole process. The goals of issue 16 are ratios, which hold on a noisy machine better than times.
/// </summary>
public sealed record SizeReport(
    [property: JsonPropertyName("store")] string Store,
    [property: JsonPropertyName("dossiers")] int Dossiers,
    [property: JsonPropertyName("native_copy_seconds")] double NativeCopySeconds,
    [property: JsonPropertyName("native_scan_seconds")] double NativeScanSeconds,
    [property: JsonPropertyName("start_up")] VerbCost StartUp,
    [property: JsonPropertyName("cold_backfill_day")] VerbCost ColdDay,
    [property: JsonPropertyName("warm_backfill_day")] VerbCost WarmDay,
    [property: JsonPropertyName("backfill_year")] VerbCost Year,
    [property: JsonPropertyName("once")] VerbCost Once,
    [property: JsonPropertyName("report")] VerbCost Report,
    [property: JsonPropertyName("check_source")] VerbCost CheckSource)
{
    /// <summary>Cold backfill of a day against the engine's own copy plus grouped scan of the same rows (goal ≤ 4×).</summary>
    [JsonIgnore]
    public double ColdRatio => ColdDay.Seconds / (NativeCopySeconds + NativeScanSeconds);

    /// <summary>Warm re-run of the day against the native scan plus the worker's start-up (goal ≤ 2×).</summary>
    [JsonIgnore]
    public double WarmRatio => WarmDay.Seconds / (NativeScanSeconds + StartUp.Seconds);

    /// <summary>The year's backfill against a warm day (goal ≤ 30×).</summary>
    [JsonIgnore]
    public double YearRatio => Year.Seconds / WarmDay.Seconds;

    /// <summary>The largest peak resident memory of any verb.</summary>
    [JsonIgnore]
    public double PeakRssMb => Verbs.Max(verb => verb.Cost.PeakRssMb);

    /// <summary>The verbs in the order they ran, with the name the tables show.</summary>
    [JsonIgnore]
    public IEnumerable<(string Name, VerbCost Cost)> Verbs =>
    [
        ("start-up (`--help`)", StartUp), ("cold `backfill` of a day", ColdDay), ("warm `backfill` of the day", WarmDay),
        ("`backfill` of the year", Year), ("`once`", Once), ("`report`", Report), ("`check-source`", CheckSource),
    ];
}

/// <summary>The sizes of one benchmark run.</summary>
public sealed record BenchReport([property: JsonPropertyName("sizes")] IReadOnlyList<SizeReport> Sizes)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static BenchReport FromJson(string json) =>
        JsonSerializer.Deserialize<BenchReport>(json, Json) ?? throw new ArgumentException("The benchmark JSON is empty.");

    /// <summary>
    /// The Markdown table of the README and docs/benchmarks.md: one column per size, a row per verb (seconds, peak MB),
    /// the native baselines and the goals as ratios.
    /// </summary>
    public string ToMarkdown()
    {
        var table = new StringBuilder();
        table.Append("| measure |");
        foreach (var size in Sizes)
        {
            table.Append(CultureInfo.InvariantCulture, $" {size.Store} {Size(size.Dossiers)} |");
        }

        table.AppendLine(" goal |");
        table.Append("|---|");
        table.Append(string.Concat(Enumerable.Repeat("---|", Sizes.Count)));
        table.AppendLine("---|");
        Row(table, "native copy into an unindexed table / grouped scan", s => $"{s.NativeCopySeconds:F2} s / {s.NativeScanSeconds:F2} s", "");
        for (var i = 0; i < Sizes[0].Verbs.Count(); i++)
        {
            var index = i;
            Row(table, Sizes[0].Verbs.ElementAt(i).Name, s => Cost(s.Verbs.ElementAt(index).Cost), "");
        }

        Row(table, "cold day / (native copy + scan)", s => $"**{s.ColdRatio:F1}×**", "≤ 4×");
        Row(table, "warm day / (native scan + start-up)", s => $"**{s.WarmRatio:F2}×**", "≤ 2×");
        Row(table, "year / warm day", s => $"**{s.YearRatio:F1}×**", "≤ 30×");
        Row(table, "largest peak resident memory of any verb", s => $"**{s.PeakRssMb:F0} MB**", "< 200 MB at 1M, < 250 MB at 5M");
        return table.ToString();
    }

    private void Row(StringBuilder table, string name, Func<SizeReport, string> cell, string goal)
    {
        table.Append(CultureInfo.InvariantCulture, $"| {name} |");
        foreach (var size in Sizes)
        {
            table.Append(CultureInfo.InvariantCulture, $" {cell(size)} |");
        }

        table.AppendLine(CultureInfo.InvariantCulture, $" {goal} |");
    }

    // A JSON written before the processor time was measured has none (0): it is left out rather than shown as 0.
    private static string Cost(VerbCost cost) => cost.CpuSeconds > 0
        ? string.Create(CultureInfo.InvariantCulture, $"{cost.Seconds:F2} s (CPU {cost.CpuSeconds:F1} s), {cost.PeakRssMb:F0} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{cost.Seconds:F2} s, {cost.PeakRssMb:F0} MB");

    private static string Size(int dossiers) => dossiers switch
    {
        >= 1_000_000 when dossiers % 1_000_000 == 0 => $"{dossiers / 1_000_000}M",
        >= 1_000 when dossiers % 1_000 == 0 => $"{dossiers / 1_000}k",
        _ => dossiers.ToString("N0", CultureInfo.InvariantCulture),
    };
}
