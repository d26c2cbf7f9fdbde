using System.Globalization;
using System.Text;
using System.Text.Json;

namespace KpiIngest.Bench;

/// <summary>The numbers of one benchmark run, with the goals of issue 7 as ratios that hold on a noisy machine.</summary>
public sealed record BenchReport(
    string StoreProvider,
    int Dossiers,
    double IngestSeconds,
    double NativeCopySeconds,
    double SnapshotSeconds,
    double NativeScanSeconds,
    int SmallSize,
    double PollSecondsSmall,
    double PollSecondsFull,
    double BackfillSeconds,
    double PeakWorkingSetMbSmall,
    double PeakWorkingSetMb)
{
    /// <summary>A run of --only ingest: the measures it skipped are NaN, left out of the table and the JSON.</summary>
    public static BenchReport IngestOnly(string storeProvider, int dossiers, double ingestSeconds, double nativeCopySeconds, double peakWorkingSetMb) =>
        new(storeProvider, dossiers, ingestSeconds, nativeCopySeconds, double.NaN, double.NaN, 0, double.NaN, double.NaN, double.NaN, double.NaN, peakWorkingSetMb);

    public string ToJson() => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["store"] = StoreProvider,
        ["dossiers"] = Dossiers,
        ["ingest_seconds"] = Round(IngestSeconds),
        ["native_copy_seconds"] = Round(NativeCopySeconds),
        ["snapshot_seconds"] = Round(SnapshotSeconds),
        ["native_scan_seconds"] = Round(NativeScanSeconds),
        ["poll_seconds_100k"] = Round(PollSecondsSmall),
        ["poll_seconds_full"] = Round(PollSecondsFull),
        ["backfill_seconds"] = Round(BackfillSeconds),
        ["peak_working_set_mb_100k"] = Round(PeakWorkingSetMbSmall),
        ["peak_working_set_mb"] = Round(PeakWorkingSetMb),
    }.Where(entry => entry.Value is not double.NaN).ToDictionary(), Indented);

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public string ToTable()
    {
        var table = new StringBuilder();
        var small = SmallSize.ToString("N0", CultureInfo.InvariantCulture);
        table.AppendLine(CultureInfo.InvariantCulture, $"KpiIngest benchmark: {Dossiers:N0} dossiers, {StoreProvider} store");
        table.AppendLine("measure                               | KpiIngest  | baseline   | ratio  | goal");
        table.AppendLine("--------------------------------------|------------|------------|--------|-----------");
        Row(table, $"initial ingest ({Dossiers / IngestSeconds:N0} dossiers/s)", IngestSeconds, NativeCopySeconds, "≤ 8×");
        if (double.IsNaN(SnapshotSeconds))
        {
            table.AppendLine(CultureInfo.InvariantCulture, $"peak working set                      | {PeakWorkingSetMb,7:F0} MB |            |        | < 300 MB");
            return table.ToString();
        }

        Row(table, "one snapshot (DAY, MTD, YTD)", SnapshotSeconds, NativeScanSeconds, "≤ 2×");
        Row(table, $"poll of 1,000 changes (median of 5): full vs {small}", PollSecondsFull, PollSecondsSmall, "≤ 1.5×");
        Row(table, "backfill of the year vs one snapshot", BackfillSeconds, SnapshotSeconds, "≤ 30×");
        table.AppendLine(CultureInfo.InvariantCulture,
            $"peak working set                      | {PeakWorkingSetMb,7:F0} MB | {PeakWorkingSetMbSmall,7:F0} MB | {PeakWorkingSetMb / PeakWorkingSetMbSmall,5:F2}× | < 300 MB (baseline: at {small})");
        return table.ToString();
    }

    private static void Row(StringBuilder table, string name, double measured, double baseline, string goal) =>
        table.AppendLine(CultureInfo.InvariantCulture, $"{name,-38}| {measured,8:F2} s | {baseline,8:F2} s | {measured / baseline,5:F2}× | {goal}");

    private static double Round(double value) => Math.Round(value, 3);
}
