using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using KpiIngest.Core.Indicators;
using KpiIngest.Core.Periods;
using KpiIngest.Core.Snapshots;
using KpiIngest.Core.Source;
using KpiIngest.Data.Store;
using KpiIngest.Worker.Configuration;
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

    public static IReadOnlyList<string> Formats { get; } = ["table", "csv", "json"];

    /// <summary>Prints the snapshot rows of one date and period; returns false when the store has none.</summary>
    public bool PrintSnapshots(StoreSession store, DateOnly? date, PeriodKind period, ScopeKind? scope, string format, TextWriter output)
    {
        var asOf = date ?? store.Snapshots.LatestDate();
        var rows = asOf is null ? [] : store.Snapshots.Query(asOf.Value, period, scope);
        switch (format)
        {
            case "csv":
                WriteCsv(rows, output);
                break;
            case "json":
                output.WriteLine(ToJson(rows).ToJsonString(IndentedJson));
                break;
            default:
                if (rows.Count == 0)
                {
                    output.WriteLine(asOf is null
                        ? "The store holds no snapshot yet: run `kpi-ingest once` or `kpi-ingest backfill` first."
                        : $"No {period.Text()} snapshot rows for {asOf:yyyy-MM-dd}.");
                }
                else
                {
                    WriteTable(rows, output);
                }

                break;
        }

        return rows.Count > 0;
    }

    /// <summary>
    /// Alerts of one period kind (and scope, when given), largest shortfall first (report --alerts): those open now, or,
    /// for a date, those open on that date: of the period containing it, opened on or before it and not closed by then
    /// (an alert resolved or missed since is listed; its figures are its latest, the store keeps no other).
    /// </summary>
    public static void PrintOpenAlerts(StoreSession store, DateOnly? date, PeriodKind period, ScopeKind? scope, string format, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(store);
        var filters = new List<string> { "a.period = @period" };
        var parameters = new DynamicParameters(new { period = period.Text() });
        if (date is { } asOf)
        {
            filters.Add("a.period_start = @start AND a.opened_on <= @asOf AND (a.closed_on IS NULL OR a.closed_on > @asOf)");
            parameters.Add("start", store.Dialect.Day(period.Start(asOf)));
            parameters.Add("asOf", store.Dialect.Day(asOf));
        }
        else
        {
            filters.Add("a.status = 'OPEN'");
        }

        if (scope is { } kind)
        {
            filters.Add("a.scope = @scope");
            parameters.Add("scope", kind.Text());
        }

        var alerts = store.Commands.Query<OpenAlert>(
            $"""
            SELECT a.indicator AS Indicator, a.period AS Period, a.period_start AS PeriodStart, a.scope AS Scope,
                   a.scope_id AS ScopeId, u.name AS ScopeName, a.severity AS Severity, a.ratio AS Ratio,
                   a.target AS Target, a.gap AS Gap, a.numerator AS Numerator, a.denominator AS Denominator,
                   a.shortfall AS Shortfall, a.opened_on AS OpenedOn, a.last_seen_on AS LastSeenOn
            FROM kpi_alert AS a
            LEFT JOIN kpi_unit AS u ON a.scope = 'UNIT' AND u.unit_id = a.scope_id
            WHERE {string.Join(" AND ", filters)}
            ORDER BY a.shortfall DESC, a.gap DESC, a.indicator, a.scope, a.scope_id
            """, parameters).ToList();
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

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("Mức", "Chỉ số", "Phạm vi", "Tỷ lệ", "Chỉ tiêu", "Thiếu", "Từ ngày");
        foreach (var a in alerts)
        {
            var name = IndicatorCatalog.TryParse(a.Indicator, out var code) ? IndicatorCatalog.Get(code).NameVi : a.Indicator;
            table.AddRow(
                Markup.Escape(a.Severity),
                Markup.Escape(name),
                Markup.Escape(ScopeLabel(a.Scope, a.ScopeId, a.ScopeName)),
                Number(a.Ratio),
                Number(a.Target),
                $"{a.Shortfall}",
                Markup.Escape(a.OpenedOn));
        }

        console.Write(table);
    }

    /// <summary>For each targeted indicator, the unit furthest below its target (enough dossiers to count).</summary>
    public void PrintWorstUnits(StoreSession store, DateOnly asOf, PeriodKind period, TextWriter output)
    {
        var rows = store.Snapshots.Query(asOf, period, ScopeKind.Unit);
        var console = ConsoleFor(output);
        var table = new Table().Border(TableBorder.Rounded).Title($"Đơn vị thấp nhất so với chỉ tiêu ({period.Text()}, {asOf:yyyy-MM-dd})")
            .AddColumns("Chỉ số", "Đơn vị", "Tỷ lệ", "Chỉ tiêu", "N / D");
        foreach (var indicator in IndicatorCatalog.All)
        {
            var worst = rows
                .Where(r => r.Indicator == indicator.Text && r.Target is not null && r.Ratio is not null
                    && r.Denominator >= alerts.Value.MinDenominator && r.Met == false)
                .OrderBy(r => r.Ratio - r.Target)
                .FirstOrDefault();
            if (worst is not null)
            {
                table.AddRow(
                    Markup.Escape($"{indicator.Number}. {indicator.NameVi}"),
                    Markup.Escape(RowCheck.Escape(worst.ScopeName ?? worst.ScopeId)),
                    $"[red]{Number(worst.Ratio)}[/]",
                    Number(worst.Target),
                    $"{worst.Numerator:N0} / {worst.Denominator:N0}");
            }
        }

        if (table.Rows.Count == 0)
        {
            console.WriteLine("Every unit meets its targets.");
            return;
        }

        console.Write(table);
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

    private static JsonArray ToJson(IReadOnlyList<ReportRow> rows) =>
    [
        .. rows.Select(r => new JsonObject
        {
            ["snapshot_date"] = r.SnapshotDate,
            ["period"] = r.Period,
            ["period_start"] = r.PeriodStart,
            ["scope"] = r.Scope,
            ["scope_id"] = r.ScopeId,
            ["scope_name"] = r.ScopeName,
            ["level"] = r.Level,
            ["indicator"] = r.Indicator,
            ["numerator"] = r.Numerator,
            ["denominator"] = r.Denominator,
            ["ratio"] = r.Ratio,
            ["target"] = r.Target,
            ["met"] = r.Met,
            ["is_final"] = r.IsFinal,
        }),
    ];

    private void WriteTable(IReadOnlyList<ReportRow> rows, TextWriter output)
    {
        var console = ConsoleFor(output);
        var first = rows[0];
        var title = $"{province.Value.Name} · {first.Period} {first.PeriodStart} → {first.SnapshotDate}"
            + (first.IsFinal ? "" : " (chưa chốt)");
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(title.TrimStart(' ', '·')));
        table.AddColumn("Phạm vi");
        foreach (var indicator in IndicatorCatalog.All)
        {
            table.AddColumn(new TableColumn($"{indicator.Number}").RightAligned());
        }

        foreach (var scope in rows.GroupBy(r => (r.Scope, r.ScopeId)))
        {
            var cells = new List<string> { Markup.Escape(ScopeLabel(scope.Key.Scope, scope.Key.ScopeId, scope.First().ScopeName)) };
            cells.AddRange(IndicatorCatalog.All.Select(i => Cell(scope.FirstOrDefault(r => r.Indicator == i.Text))));
            table.AddRow(cells.ToArray());
        }

        console.Write(table);
        console.MarkupLine("[grey]Tỷ lệ % (▼ chưa đạt chỉ tiêu, — không có dữ liệu).[/]");
        foreach (var indicator in IndicatorCatalog.All)
        {
            var target = rows.FirstOrDefault(r => r.Indicator == indicator.Text && r.Scope == "PROVINCE")?.Target;
            console.MarkupLine(Markup.Escape($"  {indicator.Number}. {indicator.NameVi}" + (target is null ? "" : $" (chỉ tiêu {Number(target)}%)")));
        }
    }

    private static string Cell(ReportRow? row) => row switch
    {
        null or { Ratio: null } => "[grey]—[/]",
        { Met: false } => $"[red]{Number(row.Ratio)} ▼[/]",
        { Met: true } => $"[green]{Number(row.Ratio)}[/]",
        _ => Number(row.Ratio),
    };

    /// <summary>A scope as a person reads it in a terminal: unit names are source text, their control characters escaped.</summary>
    private static string ScopeLabel(string scope, string scopeId, string? name) => RowCheck.Escape(scope switch
    {
        "PROVINCE" => "Toàn tỉnh",
        "LEVEL" => int.TryParse(scopeId, CultureInfo.InvariantCulture, out var level) ? ScopeKinds.LevelName(level) : scopeId,
        _ => name is null ? scopeId : $"{name} ({scopeId})",
    });

    private static string Number(decimal? value) => value?.ToString("0.00", CultureInfo.InvariantCulture) ?? "";

    private static IAnsiConsole ConsoleFor(TextWriter output)
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

    /// <summary>
    /// Settable properties rather than a positional record: SQLite returns ratio, target and gap as REAL, and Dapper
    /// converts a column to a property's type but needs a constructor's parameter types to match exactly.
    /// </summary>
    private sealed class OpenAlert
    {
        public string Indicator { get; init; } = "";
        public string Period { get; init; } = "";
        public string PeriodStart { get; init; } = "";
        public string Scope { get; init; } = "";
        public string ScopeId { get; init; } = "";
        public string? ScopeName { get; init; }
        public string Severity { get; init; } = "";
        public decimal? Ratio { get; init; }
        public decimal? Target { get; init; }
        public decimal? Gap { get; init; }
        public long Numerator { get; init; }
        public long Denominator { get; init; }
        public long Shortfall { get; init; }
        public string OpenedOn { get; init; } = "";
        public string LastSeenOn { get; init; } = "";
    }
}
