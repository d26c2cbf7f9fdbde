using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using KpiIngest.Data.Demo;
using Microsoft.Data.Sqlite;

namespace KpiIngest.Bench;

/// <summary>Generates the provinces, runs the measured phases in a child process, and the engine's native baselines.</summary>
public static class Orchestrator
{
    private static readonly DateOnly From = new(2025, 1, 1);
    private static readonly DateOnly To = new(2025, 12, 31);

    public static async Task<BenchReport> RunAsync(BenchOptions options)
    {
        Directory.CreateDirectory(options.WorkFolder);
        if (options.IngestOnly)
        {
            // For iterating on the ingest: no small province, and the measured process stops after the ingest.
            var province = await Province(options, options.Dossiers, "full");
            Console.Error.WriteLine("native copy …");
            var (copy, _) = Native(province.Source, Path.Combine(options.WorkFolder, "native.db"));
            return BenchReport.IngestOnly(
                options.Dossiers,
                province.Measured.GetProperty("ingest_seconds").GetDouble(),
                copy,
                province.Measured.GetProperty("peak_working_set_mb").GetDouble());
        }

        var small = await Province(options, options.SmallSize, "small");
        var full = options.SmallSize == options.Dossiers ? small : await Province(options, options.Dossiers, "full");

        Console.Error.WriteLine("native copy and scan …");
        var (copySeconds, scanSeconds) = Native(full.Source, Path.Combine(options.WorkFolder, "native.db"));
        return new BenchReport(
            options.Dossiers,
            full.Measured.GetProperty("ingest_seconds").GetDouble(),
            copySeconds,
            full.Measured.GetProperty("snapshot_seconds").GetDouble(),
            scanSeconds,
            options.SmallSize,
            small.Measured.GetProperty("poll_seconds").GetDouble(),
            full.Measured.GetProperty("poll_seconds").GetDouble(),
            full.Measured.GetProperty("backfill_seconds").GetDouble(),
            small.Measured.GetProperty("peak_working_set_mb").GetDouble(),
            full.Measured.GetProperty("peak_working_set_mb").GetDouble());
    }

    private static async Task<(string Source, JsonElement Measured)> Province(BenchOptions options, int dossiers, string name)
    {
        var source = Path.Combine(options.WorkFolder, $"source-{name}.db");
        var store = Path.Combine(options.WorkFolder, $"kpi-{name}.db");
        foreach (var suffix in (string[])["", "-wal", "-shm"])
        {
            File.Delete(store + suffix);
        }

        Console.Error.WriteLine($"generating {dossiers:N0} dossiers ({name}) …");
        SyntheticProvince.Create(source, new SyntheticProvinceOptions
        {
            From = From,
            To = To,
            Dossiers = dossiers,
            Units = options.Units,
            CatalogPairs = options.Pairs,
            BadRowRate = 0,
        });
        Console.Error.WriteLine($"measuring ({name}) …");
        var json = await RunSelfAsync(["measure", source, store, To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "1000",
            options.IngestOnly ? "ingest" : "all"]);
        return (source, JsonDocument.Parse(json).RootElement.Clone());
    }

    private static async Task<string> RunSelfAsync(IReadOnlyList<string> arguments)
    {
        var host = Environment.ProcessPath!;
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(Orchestrator).Assembly.Location);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"The measured phases failed (exit {process.ExitCode}).");
        }

        return output.Trim().Split('\n')[^1];
    }

    /// <summary>
    /// The engine's own limits on the same rows: a plain INSERT … SELECT of the contract's columns from the
    /// attached source, and one GROUP BY unit aggregate over the year of dossiers so copied.
    /// </summary>
    private static (double CopySeconds, double ScanSeconds) Native(string source, string target)
    {
        foreach (var suffix in (string[])["", "-wal", "-shm"])
        {
            File.Delete(target + suffix);
        }

        using var connection = new SqliteConnection($"Data Source={target}");
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
        Execute(connection, $"ATTACH DATABASE '{source.Replace("'", "''", StringComparison.Ordinal)}' AS src");
        Execute(connection, """
            CREATE TABLE dossier (dossier_id TEXT PRIMARY KEY, unit_id TEXT, procedure_code TEXT, channel INTEGER, status INTEGER,
                received_at TEXT, due_at TEXT, resolved_at TEXT, fee_amount NUMERIC, paid_online INTEGER, digitized INTEGER,
                e_result INTEGER, reused_data INTEGER, updated_at TEXT) WITHOUT ROWID
            """);
        var copy = Stopwatch.StartNew();
        Execute(connection, """
            INSERT INTO dossier SELECT dossier_id, unit_id, procedure_code, channel, status, received_at, due_at, resolved_at,
                fee_amount, paid_online, digitized, e_result, reused_data, updated_at FROM src.src_dossier
            """);
        var copySeconds = copy.Elapsed.TotalSeconds;
        var scan = Stopwatch.StartNew();
        Execute(connection, """
            SELECT unit_id, COUNT(*), SUM(channel = 2), SUM(fee_amount > 0), SUM(paid_online IN (1, 2)), SUM(digitized),
                   SUM(reused_data), SUM(status IN (9, 10)), SUM(e_result), SUM(resolved_at <= due_at)
            FROM dossier WHERE received_at >= '2025-01-01' AND received_at < '2026-01-01' AND status NOT IN (1, 3)
            GROUP BY unit_id
            """);
        return (copySeconds, scan.Elapsed.TotalSeconds);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
        }
    }
}
