using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using KpiIngest.Core.Periods;
using KpiIngest.Core.Snapshots;
using KpiIngest.Data;
using KpiIngest.Data.Store;
using KpiIngest.Demo;
using KpiIngest.Worker.Display;
using KpiIngest.Worker.Email;
using KpiIngest.Worker.Hosting;
using KpiIngest.Worker.Pipeline;
using KpiIngest.Worker.Reports;
using Microsoft.Extensions.Logging;

namespace KpiIngest.Worker.Cli;

/// <summary>
/// demo: builds a synthetic iGate-style province (the reference schema and the contract views that
/// deploy/sql ships) in data/demo/source.db, ingests it into data/demo/kpi.db and shows what it found.
/// Both files stay for a person to open.
/// </summary>
public static class DemoVerb
{
    public const string Folder = "data/demo";

    /// <summary>The settings the demo used, written beside its data for later commands' --config.</summary>
    public const string SettingsFile = Folder + "/appsettings.json";

    /// <summary>
    /// Retention:DailyRowsDays for the demo's store. Its history starts on 1 January of last year, up to 730 days before
    /// today; with the default 400 the service's first day-close (at `run`'s start) would delete most of it but the
    /// month ends. 1100 keeps all of it for a year of running the demo afterwards.
    /// </summary>
    private const int DemoRetentionDays = 1100;

    /// <summary>The synthetic province is fictional, and says so wherever its name appears.</summary>
    public const string ProvinceName = "Tỉnh Sơn Hà (dữ liệu mô phỏng)";

    public static Command Build(Option<string?> configOption)
    {
        _ = configOption;
        var once = new Option<bool>("--once") { Description = "Backfill the demo data once, print the report and exit." };
        var dossiers = new Option<int>("--dossiers")
        {
            Description = "How many dossiers the synthetic province has (default 60000).",
            DefaultValueFactory = _ => 60_000,
        };
        var command = new Command("demo", "Make a synthetic province in data/demo, ingest it and report; without --once, then run the service on it while new dossiers keep arriving.") { once, dossiers };
        command.SetAction((parse, cancellation) => KpiCommandLine.GuardedAsync(async () =>
        {
            var count = parse.GetValue(dossiers);
            if (count is < 1000 or > 10_000_000)
            {
                throw new UsageException($"--dossiers {count} must be between 1000 and 10000000.");
            }

            return await RunAsync(parse, count, live: !parse.GetValue(once), cancellation);
        }));
        return command;
    }

    /// <summary>Seconds between polls of the live demo, and between the simulator's batches of new and changed dossiers.</summary>
    private const int PollSeconds = 10;
    private const int SimulatorSeconds = 3;

    /// <summary>
    /// The live demo: the real service (Quartz, polls, restatement, alerts, digests) on a short schedule, while a
    /// simulator keeps adding and changing dossiers in the source, until Ctrl+C.
    /// </summary>
    private static async Task<int> RunLiveAsync(
        ParseResult parse, VerbContext context, IReadOnlyDictionary<string, string?> demoSettings, string source, CancellationToken cancellation)
    {
        var settings = new Dictionary<string, string?>(demoSettings)
        {
            ["Schedule:Poll"] = $"0/{PollSeconds} * * * * ?",
            ["Schedule:Reconcile"] = "0 0/5 * * * ?",
        };
        Console.WriteLine();
        Console.WriteLine($"Chế độ trực tiếp: dịch vụ thăm dò nguồn mỗi {PollSeconds} giây, đối soát mỗi 5 phút; "
            + $"bộ mô phỏng thêm và cập nhật hồ sơ mỗi {SimulatorSeconds} giây. Nhấn Ctrl+C để dừng.");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var clock = context.Get<SourceClock>();

        // Through the same logger as the service, so both lines carry the same timestamp, zone and format.
        var log = context.Get<ILoggerFactory>().CreateLogger("KpiIngest.Demo.Simulator");
        var simulator = Task.Run(async () =>
        {
            using var simulation = new SourceSimulator(source, seed: Environment.TickCount);
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(SimulatorSeconds));
            while (await timer.WaitForNextTickAsync(stop.Token).ConfigureAwait(false) is true)
            {
                var step = simulation.Step(clock.LocalNow, newDossiers: Random.Shared.Next(3, 12), changedDossiers: Random.Shared.Next(3, 12));
                log.LogInformation("Mô phỏng: +{Added} hồ sơ mới, {Changed} hồ sơ cập nhật (updated_at {UpdatedAt})",
                    step.Added, step.Changed, StoreFormat.Local(step.UpdatedAt));
            }
        }, CancellationToken.None);
        try
        {
            return await KpiCommandLine.RunServiceAsync(parse, settings, stop.Token);
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await simulator;
            }
            catch (OperationCanceledException)
            {
                // The simulator stops with the service.
            }
        }
    }

    /// <summary>The configuration the demo imposes: its own source, store, outbox and recipients.</summary>
    public static Dictionary<string, string?> Settings(string folder, string provinceName) => new()
    {
        ["Source:Provider"] = nameof(DbEngine.Sqlite),
        ["Source:ConnectionString"] = $"Data Source={Path.Combine(folder, "source.db")}",
        ["Store:Provider"] = nameof(DbEngine.Sqlite),
        ["Store:ConnectionString"] = $"Data Source={Path.Combine(folder, "kpi.db")}",
        ["Province:Name"] = provinceName,
        ["Province:Code"] = "SH",
        ["Email:Smtp:Host"] = "",
        ["Email:PickupDirectory"] = Path.Combine(folder, "outbox"),
        ["Email:Recipients:0:Scope"] = "PROVINCE",
        ["Email:Recipients:0:To:0"] = "vanphong.ubnd@sonha.example",
        ["Email:Recipients:1:Scope"] = "LEVEL",
        ["Email:Recipients:1:Id"] = "3",
        ["Email:Recipients:1:To:0"] = "phongnoivu.capxa@sonha.example",
        ["Retention:DailyRowsDays"] = DemoRetentionDays.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// <paramref name="settings"/> as an appsettings JSON file ("Email:Recipients:0:To:0" nested as the configuration
    /// binder reads it back, numbered keys as arrays, whole numbers as numbers), for a person to pass to --config.
    /// </summary>
    public static void WriteSettingsFile(string path, IReadOnlyDictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var root = new JsonObject();
        foreach (var (key, value) in settings.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var segments = key.Split(':');
            JsonNode parent = root;
            for (var i = 0; i < segments.Length - 1; i++)
            {
                parent = Child(parent, segments[i], isArray: int.TryParse(segments[i + 1], CultureInfo.InvariantCulture, out _));
            }

            JsonNode? leaf = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                ? JsonValue.Create(number)
                : JsonValue.Create(value);
            Set(parent, segments[^1], leaf);
        }

        File.WriteAllText(path, root.ToJsonString(IndentedJson) + Environment.NewLine);
    }

    private static readonly JsonSerializerOptions IndentedJson = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static JsonNode Child(JsonNode parent, string segment, bool isArray)
    {
        var existing = parent is JsonArray array
            ? (int.Parse(segment, CultureInfo.InvariantCulture) < array.Count ? array[int.Parse(segment, CultureInfo.InvariantCulture)] : null)
            : parent[segment];
        if (existing is not null)
        {
            return existing;
        }

        JsonNode created = isArray ? new JsonArray() : new JsonObject();
        Set(parent, segment, created);
        return created;
    }

    /// <summary>Keys come in ordinal order, so an array's indexes arrive 0, 1, … (at most ten per list here).</summary>
    private static void Set(JsonNode parent, string segment, JsonNode? value)
    {
        if (parent is JsonArray array)
        {
            array.Add(value);
        }
        else
        {
            parent[segment] = value;
        }
    }

    private static async Task<int> RunAsync(ParseResult parse, int dossiers, bool live, CancellationToken cancellation)
    {
        var folder = Path.GetFullPath(Folder);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        var demoSettings = Settings(folder, ProvinceName);
        WriteSettingsFile(Path.GetFullPath(SettingsFile), demoSettings);
        return await KpiCommandLine.WithContextAsync(parse, async context =>
        {
            var clock = context.Get<SourceClock>();
            var from = new DateOnly(clock.Today.Year - 1, 1, 1);
            var to = clock.Today.AddDays(-1);
            Console.WriteLine($"Tạo tỉnh mô phỏng: {VietnameseFormat.Count(dossiers)} hồ sơ tiếp nhận từ {VietnameseFormat.Date(from)} đến {VietnameseFormat.Date(to)} …");
            var summary = SyntheticProvince.Create(Path.Combine(folder, "source.db"), new SyntheticProvinceOptions
            {
                From = from,
                To = to,
                Dossiers = dossiers,
            });
            Console.WriteLine($"  {summary.ProvinceName}: {VietnameseFormat.Count(summary.Units)} đơn vị, "
                + $"{VietnameseFormat.Count(summary.CatalogPairs)} cặp đơn vị–thủ tục,");
            Console.WriteLine($"  {VietnameseFormat.Count(summary.Dossiers)} hồ sơ ({VietnameseFormat.Count(summary.BadRows)} hồ sơ lỗi cố ý để minh họa cách ly).");
            Console.WriteLine($"Nạp và tính chỉ số từng ngày {VietnameseFormat.Date(from)} → {VietnameseFormat.Date(clock.Today)} (backfill) …");
            var outcome = await context.Get<KpiRunner>().BackfillAsync(from, clock.Today, cancellation);
            if (!outcome.Succeeded)
            {
                Console.Error.WriteLine($"The demo run failed: {outcome.Error}");
                return ExitCodes.Failed;
            }

            using var store = StoreSession.Open(context.Get<StoreDatabase>());
            var printer = context.Get<ReportPrinter>();
            Console.WriteLine();
            printer.PrintSnapshots(store, clock.Today, PeriodKind.Mtd, ScopeKind.Province, "table", Console.Out);
            printer.PrintSnapshots(store, clock.Today, PeriodKind.Mtd, ScopeKind.Level, "table", Console.Out);
            printer.PrintWorstUnits(store, clock.Today, PeriodKind.Mtd, Console.Out);
            if (ScorecardReadings.ProvinceTotal(store, clock.Today, PeriodKind.Mtd) is { } score)
            {
                Console.WriteLine();
                Console.WriteLine($"Tháng này (MTD) đến {VietnameseFormat.Date(clock.Today)}:");
                Console.WriteLine(DigestRenderer.Estimate(score.Points, score.KnownMaxPoints));
            }
            var counts = outcome.Counts;
            var open = store.Alerts.CountOpenBySeverity();
            Console.WriteLine();
            // One short line per subject, so that no figure is folded over two lines of an 80-column terminal.
            Console.WriteLine($"Hồ sơ: {VietnameseFormat.Count(counts.DossiersRead)} đọc, {VietnameseFormat.Count(counts.DossiersQuarantined)} cách ly, "
                + $"{VietnameseFormat.Count(counts.DossiersUncatalogued)} chưa có trong danh mục.");
            Console.WriteLine($"kpi_snapshot: {VietnameseFormat.Count(counts.SnapshotsWritten)} dòng; thư tổng hợp: {VietnameseFormat.Count(counts.EmailsSent)}.");
            Console.WriteLine($"Cảnh báo đang mở: {VietnameseFormat.Count(open.GetValueOrDefault("CRITICAL"))} nghiêm trọng, "
                + $"{VietnameseFormat.Count(open.GetValueOrDefault("WARNING"))} cảnh báo.");
            Console.WriteLine($"Nguồn (lược đồ iGate mẫu + 3 view hợp đồng): {Path.Combine(folder, "source.db")}");
            Console.WriteLine($"Kho KPI cho BI (kpi_snapshot, kpi_snapshot_wide, kpi_alert …): {Path.Combine(folder, "kpi.db")}");
            Console.WriteLine($"Thư tổng hợp (.eml): {Path.Combine(folder, "outbox")}");
            // Each line fits 80 columns: a terminal of that width shows every command whole.
            Console.WriteLine($"Cấu hình của bản mô phỏng: {SettingsFile}");
            Console.WriteLine("Lệnh tiếp theo (từ mã nguồn: dotnet run --project src/KpiIngest.Worker -- …):");
            foreach (var next in NextCommands())
            {
                Console.WriteLine($"  kpi-ingest {next} --config {SettingsFile}");
            }

            Console.WriteLine("Hoặc mở kpi.db bằng sqlite3.");
            return live ? await RunLiveAsync(parse, context, demoSettings, Path.Combine(folder, "source.db"), cancellation) : ExitCodes.Ok;
        }, demoSettings);
    }

    /// <summary>What a person can do next with the demo's data; each is run by the demo's end-to-end test as printed.</summary>
    private static IEnumerable<string> NextCommands() =>
    [
        "report --alerts",
        "report --period YTD",
        "report --scorecard",
        "check-source",
        "once",
        "run",
    ];
}
