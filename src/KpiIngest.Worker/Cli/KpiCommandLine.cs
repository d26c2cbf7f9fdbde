using System.CommandLine;
using System.Globalization;
using System.Text;
using KpiIngest.Core.Periods;
using KpiIngest.Core.Snapshots;
using KpiIngest.Data.Store;
using KpiIngest.Data.Store.Dialects;
using KpiIngest.Worker.Configuration;
using KpiIngest.Worker.Hosting;
using KpiIngest.Worker.Pipeline;
using KpiIngest.Worker.Reports;
using KpiIngest.Worker.Reports.Overview;
using KpiIngest.Worker.Service;
using Microsoft.Data.Sqlite;

namespace KpiIngest.Worker.Cli;

/// <summary>The kpi-ingest verbs of operations.md. A bad verb, option or value exits 2 before any work.</summary>
public static class KpiCommandLine
{
    private static readonly Option<string?> ConfigOption = new("--config")
    {
        Description = "A JSON file layered over appsettings.json (environment variables still win).",
        Recursive = true,
    };

    private static readonly Option<string?> ContentRootOption = new("--content-root")
    {
        Description = "The folder relative paths in configuration resolve against (default: the working directory; the executable's folder under a service manager).",
        Recursive = true,
    };

    public static RootCommand Build()
    {
        var root = new RootCommand("KpiIngest: daily one-stop-shop KPI snapshots (NQ 02/NQ-CP, QĐ 766) from the province's dossier database.");
        root.Options.Add(ConfigOption);
        root.Options.Add(ContentRootOption);
        root.SetAction(RunVerb.Action(ConfigOption, ContentRootOption));
        root.Subcommands.Add(RunVerb.Build(ConfigOption, ContentRootOption));
        root.Subcommands.Add(Migrate());
        root.Subcommands.Add(Once());
        root.Subcommands.Add(Backfill());
        root.Subcommands.Add(Reconcile());
        root.Subcommands.Add(Report());
        root.Subcommands.Add(CheckSource());
        root.Subcommands.Add(DemoVerb.Build(ConfigOption));
        return root;
    }

    /// <summary>Runs a verb with its configured services; configuration errors become exit code 2.</summary>
    public static int WithContext(
        ParseResult parse, Func<VerbContext, int> verb, IReadOnlyDictionary<string, string?>? overrides = null, ConfigurationNeeds? needs = null) =>
        WithContextAsync(parse, context => Task.FromResult(verb(context)), overrides, needs).GetAwaiter().GetResult();

    /// <inheritdoc cref="WithContext"/>
    public static async Task<int> WithContextAsync(
        ParseResult parse, Func<VerbContext, Task<int>> verb, IReadOnlyDictionary<string, string?>? overrides = null,
        ConfigurationNeeds? needs = null)
    {
        VerbContext context;
        try
        {
            context = VerbContext.Create(parse.GetValue(ConfigOption), overrides, parse.GetValue(ContentRootOption), needs);
        }
        catch (ConfigurationException error)
        {
            Console.Error.WriteLine($"Configuration error: {error.Message}");
            return ExitCodes.Usage;
        }

        using (context)
        {
            return await verb(context);
        }
    }

    /// <summary>Runs the service with this invocation's --config and --content-root, <paramref name="overrides"/> winning (the live demo).</summary>
    public static Task<int> RunServiceAsync(ParseResult parse, IReadOnlyDictionary<string, string?> overrides, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return RunVerb.RunAsync(parse.GetValue(ConfigOption), overrides, parse.GetValue(ContentRootOption), cancellation);
    }

    public static DateOnly? ParseDate(ParseResult parse, Option<string?> option)
    {
        var text = parse.GetValue(option);
        if (text is null)
        {
            return null;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new UsageException($"{option.Name} '{text}' is not a date in yyyy-MM-dd form.");
    }

    /// <summary>
    /// A verb that writes snapshots refuses a day after today (the province's local date, Source:TimeZone): its
    /// figures would describe a day that has not happened, and later runs would treat them as computed.
    /// </summary>
    private static void RefuseFuture(Option<string?> option, DateOnly day, SourceClock clock)
    {
        if (day > clock.Today)
        {
            throw new UsageException(
                $"{option.Name} {day:yyyy-MM-dd} is after today ({clock.Today:yyyy-MM-dd} in {clock.Zone.Id}): a snapshot of a day that has not happened cannot be written.");
        }
    }

    private static Command Migrate()
    {
        var script = new Option<string?>("--script")
        {
            Description = "Write the pending migration SQL to this file for a DBA to review and run, instead of applying it.",
        };
        var command = new Command("migrate", "Create or upgrade the store.") { script };
        command.SetAction(parse => Guarded(() => WithContext(parse, context =>
        {
            var database = context.Get<StoreDatabase>();
            if (parse.GetValue(script) is { } path)
            {
                RequireFolder(script, path);
                using var connection = ScriptBase(database).Open();
                var pending = StoreMigrator.Pending(connection, database.Dialect);
                File.WriteAllText(Path.GetFullPath(path), StoreMigrator.Script(connection, database.Dialect, context.Get<TimeProvider>()));
                Console.WriteLine(pending.Count == 0
                    ? $"The store is up to date; {path} says so and changes nothing."
                    : $"Wrote {pending.Count} pending migration(s) ({string.Join(", ", pending)}) to {path}; the store was not changed.");
                return ExitCodes.Ok;
            }

            using (var connection = database.Open())
            {
                var applied = StoreMigrator.Migrate(connection, database.Dialect, context.Get<TimeProvider>());
                Console.WriteLine(applied.Count == 0
                    ? "The store is up to date."
                    : $"Applied {string.Join(", ", applied)}; the store is up to date.");
            }

            return ExitCodes.Ok;
        }, needs: ConfigurationNeeds.StoreOnly)));
        return command;
    }

    /// <summary>A file an option names is written into a folder that must already exist: a typo creates no folders.</summary>
    private static void RequireFolder(Option<string?> option, string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new UsageException($"{option.Name} {path}: the folder {folder} does not exist.");
        }
    }

    /// <summary>
    /// The store migrate --script compares with the migrations, which it must not change: a SQLite file read-only, and
    /// in place of a file that does not exist yet an empty in-memory database (every migration pending), so that
    /// writing a script creates no store.
    /// </summary>
    private static StoreDatabase ScriptBase(StoreDatabase database) =>
        StoreReading.MissingSqliteFile(database) is null
            ? StoreReading.ReadOnly(database)
            : database with { ConnectionString = new SqliteConnectionStringBuilder { DataSource = ":memory:" }.ConnectionString };

    private static Command Once()
    {
        var date = new Option<string?>("--date") { Description = "Snapshot date yyyy-MM-dd (default: today, local)." };
        var command = new Command("once", "One cycle now: migrate, ingest changes, snapshot as of the date.") { date };
        command.SetAction((parse, cancellation) => GuardedAsync(async () =>
        {
            var asOf = ParseDate(parse, date);
            return await WithContextAsync(parse, async context =>
            {
                if (asOf is { } day)
                {
                    RefuseFuture(date, day, context.Get<SourceClock>());
                }

                return Exit(await context.Get<KpiRunner>().OnceAsync(asOf, RunKinds.Once, cancellation));
            });
        }));
        return command;
    }

    private static Command Backfill()
    {
        var from = new Option<string?>("--from") { Description = "First snapshot date, yyyy-MM-dd.", Required = true };
        var to = new Option<string?>("--to") { Description = "Last snapshot date, yyyy-MM-dd.", Required = true };
        var command = new Command("backfill", "Ingest, then snapshots for every date of the range, in order.") { from, to };
        command.SetAction((parse, cancellation) => GuardedAsync(async () =>
        {
            var first = ParseDate(parse, from)!.Value;
            var last = ParseDate(parse, to)!.Value;
            if (last < first)
            {
                throw new UsageException($"--to {last:yyyy-MM-dd} is before --from {first:yyyy-MM-dd}.");
            }

            return await WithContextAsync(parse, async context =>
            {
                var clock = context.Get<SourceClock>();
                RefuseFuture(from, first, clock);
                RefuseFuture(to, last, clock);
                return Exit(await context.Get<KpiRunner>().BackfillAsync(first, last, cancellation));
            });
        }));
        return command;
    }

    private static Command Reconcile()
    {
        var command = new Command("reconcile", "Compare the store with the source's full key set; apply deletions and missed changes.");
        command.SetAction((parse, cancellation) =>
            WithContextAsync(parse, async context => Exit(await context.Get<KpiRunner>().ReconcileAsync(cancellation))));
        return command;
    }

    private static Command Report()
    {
        var date = new Option<string?>("--date") { Description = "Snapshot date (default: the latest in the store)." };
        var period = new Option<string>("--period") { Description = "DAY, MTD, QTD or YTD.", DefaultValueFactory = _ => "MTD" };
        var scope = new Option<string?>("--scope") { Description = "PROVINCE, LEVEL or UNIT (default: every scope)." };
        var format = new Option<string>("--format")
        {
            Description = "table, csv, json, html (the overview as one self-contained page) or xlsx (the monthly report workbook; needs --output).",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong([.. ReportPrinter.Formats]);
        var alerts = new Option<bool>("--alerts") { Description = "List open alerts, largest shortfall first." };
        var scorecard = new Option<bool>("--scorecard") { Description = "The QĐ 766 scorecard estimate: per scope the six groups and the total (table, csv or json)." };
        var output = new Option<string?>("--output") { Description = "Write the report to FILE instead of stdout." };
        var command = new Command("report", "Print snapshot rows from the store.") { date, period, scope, format, alerts, scorecard, output };
        command.SetAction(parse => Guarded(() =>
        {
            var asOf = ParseDate(parse, date);
            var file = parse.GetValue(output);
            var xlsx = parse.GetValue(format) == "xlsx";
            RefuseScorecardMisuse(parse.GetValue(scorecard), parse.GetValue(alerts), parse.GetValue(format)!, parse.GetValue(period));
            if (xlsx && parse.GetValue(alerts))
            {
                throw new UsageException("--alerts has no xlsx form: use --format table, csv or json.");
            }

            // A workbook is binary: a terminal would show garbage, and a shell's redirection may re-encode it (Windows PowerShell
            // writes UTF-16 text), so it is written only to a file.
            if (parse.GetValue(format) == "html" && (parse.GetValue(scope) is not null || parse.GetValue(alerts)))
            {
                throw new UsageException("--format html is the whole overview (every scope, the open alerts): give it --date and --period only.");
            }

            if (xlsx && file is null)
            {
                throw new UsageException("--format xlsx writes a workbook, which is not printed: give --output FILE.");
            }

            if (file is not null)
            {
                RequireFolder(output, file);
            }

            if (!PeriodKinds.TryParse(parse.GetValue(period), out var periodKind))
            {
                throw new UsageException($"--period '{parse.GetValue(period)}' is not one of DAY, MTD, QTD, YTD.");
            }

            ScopeKind? scopeKind = null;
            if (parse.GetValue(scope) is { } scopeText)
            {
                scopeKind = ScopeKinds.TryParse(scopeText, out var parsed)
                    ? parsed
                    : throw new UsageException($"--scope '{scopeText}' is not one of PROVINCE, LEVEL, UNIT.");
            }

            return WithContext(parse, context =>
            {
                // A report reads: the store is neither migrated nor created.
                using var store = OpenForReport(context.Get<StoreDatabase>());
                if (store is null)
                {
                    return ExitCodes.Failed;
                }

                if (xlsx)
                {
                    if (!context.Get<MonthlyWorkbook>().TryWrite(store, asOf, periodKind, scopeKind, file!, out var empty))
                    {
                        Console.Error.WriteLine($"{empty} No workbook was written.");
                        return ExitCodes.Failed;
                    }

                    Console.WriteLine($"Wrote the report to {file}.");
                    return ExitCodes.Ok;
                }

                // The terminal stays Console.Out itself: the table printer colours only what goes there.
                using var fileWriter = file is null ? null : new StreamWriter(file, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                var writer = fileWriter ?? Console.Out;
                if (parse.GetValue(format) == "html")
                {
                    var overview = context.Get<OverviewReader>().Read(store, asOf, periodKind)!;
                    writer.Write(OverviewPage.Render(overview, OverviewMode.File));
                }
                else if (parse.GetValue(scorecard))
                {
                    context.Get<ScorecardPrinter>().Print(store, asOf, periodKind, scopeKind, parse.GetValue(format)!, writer);
                }
                else if (parse.GetValue(alerts))
                {
                    ReportPrinter.PrintOpenAlerts(store, asOf, periodKind, scopeKind, parse.GetValue(format)!, writer);
                }
                else
                {
                    context.Get<ReportPrinter>().PrintSnapshots(store, asOf, periodKind, scopeKind, parse.GetValue(format)!, writer);
                }

                return ExitCodes.Ok;
            }, needs: ConfigurationNeeds.Report);
        }));
        return command;
    }

    /// <summary>
    /// --scorecard is its own report (not with --alerts), in table, csv or json (the overview and the workbook already carry
    /// it), and has no DAY rows (scorecard.md: every period kind but DAY).
    /// </summary>
    private static void RefuseScorecardMisuse(bool scorecard, bool alerts, string format, string? period)
    {
        if (!scorecard)
        {
            return;
        }

        if (alerts)
        {
            throw new UsageException("--alerts and --scorecard are two different reports: give one of them.");
        }

        if (!ScorecardPrinter.Formats.Contains(format))
        {
            throw new UsageException(
                $"--scorecard has no {format} form of its own: --format html and --format xlsx already include the scorecard; use --format table, csv or json.");
        }

        if (PeriodKinds.TryParse(period, out var kind) && kind == PeriodKind.Day)
        {
            throw new UsageException("--period DAY: the scorecard has no DAY rows (it is computed for MTD, QTD and YTD); choose one of those.");
        }
    }

    /// <summary>
    /// The store for report; a store that is not there is a setting to fix (exit 2), one that was never migrated is
    /// said so on stderr and gives null (exit 1).
    /// </summary>
    private static StoreSession? OpenForReport(StoreDatabase database)
    {
        try
        {
            return StoreReading.Open(database);
        }
        catch (StoreMissingException error)
        {
            throw new UsageException(error.Message);
        }
        catch (StoreNotMigratedException error)
        {
            Console.Error.WriteLine(error.Message);
            return null;
        }
    }

    private static Command CheckSource()
    {
        var command = new Command("check-source", "Check the source against the contract and count rows that would be quarantined.");
        command.SetAction((parse, cancellation) => Task.FromResult(WithContext(parse, context =>
        {
            try
            {
                return context.Get<SourceChecker>().Check(Console.Out, cancellation) ? ExitCodes.Ok : ExitCodes.Failed;
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                Console.Error.WriteLine($"The source cannot be read: {RunErrors.Describe(error)}");
                return ExitCodes.Failed;
            }
        }, needs: ConfigurationNeeds.SourceOnly)));
        return command;
    }

    private static int Exit(RunOutcome outcome) => outcome.Succeeded ? ExitCodes.Ok : ExitCodes.Failed;

    /// <summary>
    /// How a verb is invoked. The service handles SIGTERM and Ctrl+C through its host, which lets the job in progress
    /// finish or roll back within Service:StopTimeout; System.CommandLine's own handler would end the process after 2 s.
    /// An exception outside a run (the store unreachable, say) reaches Program's one-sentence handler: System.CommandLine's
    /// own would print "Unhandled exception" and the whole stack trace.
    /// </summary>
    public static InvocationConfiguration Invocation(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return RunVerb.IsService(parse)
            ? new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false }
            : new InvocationConfiguration { EnableDefaultExceptionHandler = false };
    }

    /// <summary>Turns a bad option value into exit code 2 with its sentence.</summary>
    public static int Guarded(Func<int> verb) => GuardedAsync(() => Task.FromResult(verb())).GetAwaiter().GetResult();

    /// <inheritdoc cref="Guarded"/>
    public static async Task<int> GuardedAsync(Func<Task<int>> verb)
    {
        try
        {
            return await verb();
        }
        catch (UsageException error)
        {
            Console.Error.WriteLine(error.Message);
            return ExitCodes.Usage;
        }
    }
}

/// <summary>A bad option value: exit 2 with this sentence.</summary>
public sealed class UsageException(string message) : Exception(message);
