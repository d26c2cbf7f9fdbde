using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using KpiIngest.Core.Periods;
using KpiIngest.Data.Store;
using KpiIngest.Worker.Cli;
using KpiIngest.Worker.Configuration;
using KpiIngest.Worker.Pipeline;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace KpiIngest.Bench;

/// <summary>
/// The measured phases, in a process of their own: initial ingest, one snapshot, an incremental poll of
/// changed dossiers, a whole-year backfill; then the process's peak working set. Prints one JSON object.
/// </summary>
public static class Measure
{
    public static async Task<int> RunAsync(string[] args)
    {
        var source = args[0];
        var storeProvider = args[1];
        var storeConnection = args[2];
        var asOf = DateOnly.ParseExact(args[3], "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var changes = int.Parse(args[4], CultureInfo.InvariantCulture);
        var ingestOnly = args.Length > 5 && args[5] == "ingest";

        using var context = VerbContext.Create(null, new Dictionary<string, string?>
        {
            ["Source:ConnectionString"] = $"Data Source={source}",
            ["Store:Provider"] = storeProvider,
            ["Store:ConnectionString"] = storeConnection,
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Serilog:WriteTo:0:Name"] = "Console",
        });
        var ingest = context.Get<IngestPipeline>();
        var snapshots = context.Get<SnapshotPipeline>();
        var sources = context.Get<SourceReaders>();
        var pollOverlap = context.Get<IOptions<SourceOptions>>().Value.PollOverlap;
        using var session = StoreSession.OpenMigrated(context.Get<StoreDatabase>(), TimeProvider.System);
        var counts = new RunCounts();

        var ingestSeconds = Time(() =>
        {
            using var reader = sources.Open();
            ingest.Poll(reader, session, ingest.RefreshDimensions(reader, session, counts), counts, CancellationToken.None);
        });
        if (ingestOnly)
        {
            Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, double>
            {
                ["ingest_seconds"] = ingestSeconds,
                ["dossiers_upserted"] = counts.DossiersUpserted,
                ["peak_working_set_mb"] = PeakWorkingSetMb(),
            }));
            return 0;
        }

        var snapshotSeconds = Time(() => snapshots.Run(session, [asOf], counts, CancellationToken.None));

        // One sub-second poll is at the mercy of a scheduler tick on a shared machine: the median of several, each of
        // its own changes, is what the poll costs. Each round is stamped PollOverlap and a minute after the previous
        // one, so a poll re-reads (unchanged, through the overlap, as in production) the previous round's changes only,
        // not every earlier round's.
        var rounds = new List<(double Seconds, RunCounts Counts)>();
        for (var round = 0; round < PollRounds; round++)
        {
            ChangeDossiers(source, changes, DateTime.Now + (pollOverlap + TimeSpan.FromMinutes(1)) * round);
            var roundCounts = new RunCounts();
            rounds.Add((Time(() =>
            {
                using var reader = sources.Open();
                ingest.Poll(reader, session, ingest.RefreshDimensions(reader, session, roundCounts), roundCounts, CancellationToken.None);
            }), roundCounts));
        }

        var (pollSeconds, pollCounts) = rounds.OrderBy(r => r.Seconds).ElementAt(PollRounds / 2);

        var yearStart = new DateOnly(asOf.Year, 1, 1);
        var dates = Enumerable.Range(0, asOf.DayNumber - yearStart.DayNumber + 1).Select(yearStart.AddDays).ToList();
        var backfillSeconds = Time(() => snapshots.Run(session, dates, counts, CancellationToken.None));

        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, double>
        {
            ["ingest_seconds"] = ingestSeconds,
            ["snapshot_seconds"] = snapshotSeconds,
            ["poll_seconds"] = pollSeconds,
            ["poll_dossiers_read"] = pollCounts.DossiersRead,
            ["poll_seconds_min"] = rounds.Min(r => r.Seconds),
            ["poll_seconds_max"] = rounds.Max(r => r.Seconds),
            ["backfill_seconds"] = backfillSeconds,
            ["backfill_dates"] = dates.Count,
            ["dossiers_upserted"] = counts.DossiersUpserted,
            ["peak_working_set_mb"] = PeakWorkingSetMb(),
        }));
        await Task.CompletedTask;
        return 0;
    }

    private static double PeakWorkingSetMb()
    {
        using var self = Process.GetCurrentProcess();
        return self.PeakWorkingSet64 / 1024.0 / 1024.0;
    }

    private static double Time(Action phase)
    {
        var stopwatch = Stopwatch.StartNew();
        phase();
        return stopwatch.Elapsed.TotalSeconds;
    }

    /// <summary>Polls measured; the median is reported.</summary>
    private const int PollRounds = 5;

    /// <summary>Changes a flag of <paramref name="count"/> dossiers in the reference schema, stamped <paramref name="at"/> (setup, not timed).</summary>
    private static void ChangeDossiers(string source, int count, DateTime at)
    {
        using var connection = new SqliteConnection($"Data Source={source}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE ho_so SET da_so_hoa = 1 - da_so_hoa, ngay_cap_nhat = @now
            WHERE id IN (SELECT id FROM ho_so ORDER BY random() LIMIT @count)
            """;
        command.Parameters.AddWithValue("@now", at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("@count", count);
        command.ExecuteNonQuery();
    }
}
