using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using KpiIngest.Core.Indicators;
using KpiIngest.Core.Periods;
using KpiIngest.Core.Snapshots;
using KpiIngest.Core.Source;
using KpiIngest.Data.Store;
using KpiIngest.Worker.Configuration;
using KpiIngest.Worker.Display;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace KpiIngest.Worker.Reports;

/// <summary>
/// Prints snapshot rows for a person (a table per scope, one column per indicator, misses marked) or for a
/// script (CSV and JSON with the store's column names).
/// </summary>
public sealed class ReportPrinter(IOptions<AlertsOptions> alerts, IOptions<ProvinceOptions> province)
{
    public static readonly string[] CsvColumns =
    [
        "snapshot_date", "period", "period_start", "scope", "scope_id", "scope_name", "level", "indicator",
        "numerator", "denominator", "ratio", "target", "met", "is_final",
    ];

    private static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true };

    private static readonly JsonSerializerOptions SnakeCaseJson = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static IReadOnlyList<string> Formats { get; } = ["table", "csv", "json", "html", "xlsx"];

    /// <summary>Prints the snapshot rows of one date and period; returns false when the store has none.</summary>
    public bool PrintSnapshots(StoreSession store, DateOnly? date, PeriodKind period, ScopeKind? scope, string format, TextWriter output)
    {
        var asOf = date ?? store.Snapshots.LatestDate();
        var rows = asOf is null ? [] : store.Snapshots.Query(asOf.Value, period, scope);
        return Write(rows, format, output, WriteCsv, ToJson, WriteTable, NoRows(asOf, period));
    }

    /// <summary>
    /// Rows in the format asked for: CSV, indented JSON, or the table for a person (<paramref name="noRows"/> when there
    /// are none: CSV keeps its header and JSON is [] for a script). Returns whether there were rows.
    /// </summary>
    internal static bool Write<T>(
        IReadOnlyList<T> rows, string format, TextWriter output, Action<IReadOnlyList<T>, TextWriter> csv,
        Func<IReadOnlyList<T>, JsonArray> json, Action<IReadOnlyList<T>, TextWriter> table, string noRows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(output);
        switch (format)
        {
            case "csv":
                csv(rows, output);
                break;
            case "json":
                output.WriteLine(json(rows).ToJsonString(IndentedJson));
                break;
            default:
                if (rows.Count == 0)
                {
                    output.WriteLine(noRows);
                }
                else
                {
                    table(rows, output);
                }

                break;
        }

        return rows.Count > 0;
    }

    /// <summary>What a report says when the store has no row of the date (null: no snapshot at all) and period.</summary>
    public static string NoRows(DateOnly? asOf, PeriodKind period) => asOf is null
        ? "The store holds no snapshot yet: run `kpi-ingest once` or `kpi-ingest backfill` first."
        : $"No {period.Text()} snapshot rows for {VietnameseFormat.Date(asOf.Value)}.";

    /// <summary>Prints <see cref="OpenAlerts"/> (report --alerts).</summary>
    public static void PrintOpenAlerts(StoreSession store, DateOnly? date, PeriodKind period, ScopeKind? scope, string format, TextWriter output)
    {
        var alerts = OpenAlerts.Query(store, date, period, scope);
        if (format == "json")
        {
            output.WriteLine(JsonSerializer.Serialize(alerts, SnakeCaseJson));
            return;
        }

        if (format == "csv")
        {
            output.WriteLine("indicator,period,period_start,scope,scope_id,scope_name,severity,ratio,target,gap,numerator,denominator,shortfall,opened_on,last_seen_on");
            foreach (var a in alerts)
            {
                output.WriteLine(string.Join(',', CsvCell.Of(a.Indicator), a.Period, a.PeriodStart, a.Scope, CsvCell.Of(a.ScopeId),
                    CsvCell.Of(a.ScopeName), a.Severity, Number(a.Ratio), Number(a.Target), Number(a.Gap), a.Numerator,
                    a.Denominator, a.Shortfall, a.OpenedOn, a.LastSeenOn));
            }

            return;
        }

        var console = ConsoleFor(output);
        if (alerts.Count == 0)
        {
            console.WriteLine("No open alert.");
            return;
        }

        var table = new FittedTable(
        [
            new("Mức"), new("Chỉ số", ColumnFit.Shorten), new("Phạm vi", ColumnFit.Shorten), new("Tỷ lệ %", RightAligned: true),
            new("Chỉ tiêu %", RightAligned: true), new("Thiếu", RightAligned: true), new("Từ ngày", ColumnFit.Drop),
        ]);
        foreach (var a in alerts)
        {
            var name = IndicatorCatalog.TryParse(a.Indicator, out var code)
                ? $"{IndicatorCatalog.Get(code).Number}. {IndicatorCatalog.Get(code).NameVi}"
                : a.Indicator;
            table.AddRow(
                new FittedCell(VietnameseFormat.Severity(a.Severity), a.Severity == "CRITICAL" ? "red" : "yellow"),
                name,
                ScopeLabel(a.Scope, a.ScopeId, a.ScopeName),
                VietnameseFormat.Ratio(a.Ratio),
                VietnameseFormat.Ratio(a.Target),
                VietnameseFormat.Count(a.Shortfall),
                Day(a.OpenedOn));
        }

        console.Write(table.Build(console.Profile.Width));
    }

    /// <summary>For each targeted indicator, the unit furthest below its target (enough dossiers to count).</summary>
    public void PrintWorstUnits(StoreSession store, DateOnly asOf, PeriodKind period, TextWriter output)
    {
        var rows = store.Snapshots.Query(asOf, period, ScopeKind.Unit);
        var console = ConsoleFor(output);
        var table = new FittedTable(
        [
            new("Chỉ số", ColumnFit.Shorten), new("Đơn vị", ColumnFit.Shorten), new("Tỷ lệ %", RightAligned: true),
            new("Chỉ tiêu %", RightAligned: true), new("N / D", RightAligned: true),
        ]);
        foreach (var indicator in IndicatorCatalog.All)
        {
            var worst = UnitRanking.FurthestBelowTarget(rows, indicator, alerts.Value.MinDenominator).FirstOrDefault();
            if (worst is not null)
            {
                table.AddRow(
                    $"{indicator.Number}. {indicator.NameVi}",
                    RowCheck.Escape(worst.ScopeName ?? worst.ScopeId),
                    new FittedCell(VietnameseFormat.Ratio(worst.Ratio), "red"),
                    VietnameseFormat.Ratio(worst.Target),
                    $"{VietnameseFormat.Count(worst.Numerator)} / {VietnameseFormat.Count(worst.Denominator)}");
            }
        }

        if (table.RowCount == 0)
        {
            console.WriteLine("Every unit meets its targets.");
            return;
        }

        WriteLine(console, $"Đơn vị thấp nhất so với chỉ tiêu ({period.Text()}, {VietnameseFormat.Date(asOf)})");
        console.Write(table.Build(console.Profile.Width));
    }

    private static void WriteCsv(IReadOnlyList<ReportRow> rows, TextWriter output)
    {
        output.WriteLine(string.Join(',', CsvColumns));
        foreach (var r in rows)
        {
            output.WriteLine(string.Join(',',
                r.SnapshotDate, r.Period, r.PeriodStart, r.Scope, CsvCell.Of(r.ScopeId), CsvCell.Of(r.ScopeName),
                r.Level?.ToString(CultureInfo.InvariantCulture) ?? "", r.Indicator,
                r.Numerator.ToString(CultureInfo.InvariantCulture), r.Denominator.ToString(CultureInfo.InvariantCulture),
                Number(r.Ratio), Number(r.Target), r.Met is { } met ? (met ? "1" : "0") : "", r.IsFinal ? "1" : "0"));
        }
    }

    /// <summary>A JSON row: the date, period and scope columns first (snake_case, as the store names them), then <paramref name="columns"/>.</summary>
    internal static JsonObject JsonRow(ScopedReportRow row, JsonObject columns)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(columns);
        var json = new JsonObject
        {
            ["snapshot_date"] = row.SnapshotDate,
            ["period"] = row.Period,
            ["period_start"] = row.PeriodStart,
            ["scope"] = row.Scope,
            ["scope_id"] = row.ScopeId,
            ["scope_name"] = row.ScopeName,
            ["level"] = row.Level,
        };
        foreach (var (name, value) in columns.ToList())
        {
            columns.Remove(name);
            json[name] = value;
        }

        return json;
    }

    private static JsonArray ToJson(IReadOnlyList<ReportRow> rows) =>
    [
        .. rows.Select(r => JsonRow(r, new JsonObject
        {
            ["indicator"] = r.Indicator,
            ["numerator"] = r.Numerator,
            ["denominator"] = r.Denominator,
            ["ratio"] = r.Ratio,
            ["target"] = r.Target,
            ["met"] = r.Met,
            ["is_final"] = r.IsFinal,
        })),
    ];

    private void WriteTable(IReadOnlyList<ReportRow> rows, TextWriter output)
    {
        var console = ConsoleFor(output);
        var first = rows[0];
        var title = $"{province.Value.Name} · {PeriodText(first.Period, first.PeriodStart, first.SnapshotDate, first.IsFinal)}";
        WriteLine(console, title.TrimStart(' ', '·'));
        var scopes = rows.GroupBy(r => (r.Scope, r.ScopeId)).ToList();
        var indicators = IndicatorCatalog.All.ToList();

        // A narrow terminal gets the indicators in consecutive tables, each with the scope column, rather than folded cells.
        var width = console.Profile.Width;
        for (var parts = 1; parts <= indicators.Count; parts++)
        {
            var size = (indicators.Count + parts - 1) / parts;
            var tables = indicators.Chunk(size).Select(chunk => ScopeTable(scopes, chunk)).ToList();
            if (parts == indicators.Count || tables.TrueForAll(t => t.FitsWhole(width)))
            {
                foreach (var table in tables)
                {
                    console.Write(table.Build(width));
                }

                break;
            }
        }

        WriteLine(console, "Tỷ lệ % (▼ chưa đạt chỉ tiêu, — không có dữ liệu).", "grey");
        foreach (var indicator in indicators)
        {
            var target = rows.FirstOrDefault(r => r.Indicator == indicator.Text && r.Scope == "PROVINCE")?.Target;
            WriteLine(console, $"  {indicator.Number}. {indicator.NameVi}" + (target is null ? "" : $" (chỉ tiêu {VietnameseFormat.Percent(target)})"));
        }
    }

    private static FittedTable ScopeTable(
        IReadOnlyList<IGrouping<(string Scope, string ScopeId), ReportRow>> scopes, IReadOnlyList<IndicatorDefinition> indicators)
    {
        var table = new FittedTable([new("Phạm vi", ColumnFit.Shorten, MinWidth: 14), .. indicators.Select(i => new FittedColumn($"{i.Number}", RightAligned: true))]);
        foreach (var scope in scopes)
        {
            table.AddRow([ScopeLabel(scope.Key.Scope, scope.Key.ScopeId, scope.First().ScopeName),
                .. indicators.Select(i => Cell(scope.FirstOrDefault(r => r.Indicator == i.Text)))]);
        }

        return table;
    }

    /// <summary>One line of text cut to the terminal's width: a label never folds onto a second line.</summary>
    internal static void WriteLine(IAnsiConsole console, string text, string? style = null)
    {
        var line = Markup.Escape(FittedTable.Shorten(RowCheck.Escape(text), console.Profile.Width));
        console.MarkupLine(style is null ? line : $"[{style}]{line}[/]");
    }

    private static FittedCell Cell(ReportRow? row) => row switch
    {
        null or { Ratio: null } => new FittedCell("—", "grey"),
        { Met: false } => new FittedCell($"{VietnameseFormat.Ratio(row.Ratio)} ▼", "red"),
        { Met: true } => new FittedCell(VietnameseFormat.Ratio(row.Ratio), "green"),
        _ => VietnameseFormat.Ratio(row.Ratio),
    };

    /// <summary>A table's period as its heading reads it: "MTD 01/12/2026 → 05/12/2026 (chưa chốt)" until final.</summary>
    internal static string PeriodText(string period, string periodStart, string snapshotDate, bool isFinal) =>
        $"{period} {Day(periodStart)} → {Day(snapshotDate)}" + (isFinal ? "" : " (chưa chốt)");

    /// <summary>A store day (yyyy-MM-dd) as a person reads it; anything else unchanged.</summary>
    internal static string Day(string storeDay) =>
        DateOnly.TryParseExact(storeDay, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? VietnameseFormat.Date(day)
            : storeDay;

    /// <summary>A scope as a person reads it in a terminal: unit names are source text, their control characters escaped.</summary>
    internal static string ScopeLabel(string scope, string scopeId, string? name) => RowCheck.Escape(scope switch
    {
        "PROVINCE" => "Toàn tỉnh",
        "LEVEL" => int.TryParse(scopeId, CultureInfo.InvariantCulture, out var level) ? ScopeKinds.LevelName(level) : scopeId,
        _ => name is null ? scopeId : $"{name} ({scopeId})",
    });

    private static string Number(decimal? value) => value?.ToString("0.00", CultureInfo.InvariantCulture) ?? "";

    internal static IAnsiConsole ConsoleFor(TextWriter output)
    {
        var redirected = output != Console.Out || Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        });
        if (redirected)
        {
            // Redirected output has no terminal width; keep the table whole instead of folding it at 80.
            console.Profile.Width = 200;
        }

        return console;
    }
}
