using static KpiIngest.IntegrationTests.Infrastructure.StoreColumns;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace KpiIngest.IntegrationTests.Infrastructure;

/// <summary>A row of kpi_snapshot, every column of store.md. Dates stay text so their format is checked too.</summary>
public sealed record SnapshotRow(
    string SnapshotDate,
    string Period,
    string PeriodStart,
    string Scope,
    string ScopeId,
    int? Level,
    string Indicator,
    long Numerator,
    long Denominator,
    decimal? Ratio,
    decimal? Target,
    bool? Met,
    bool IsFinal,
    string? ComputedAt)
{
    public (string Period, string Scope, string ScopeId, string Indicator) Key => (Period, Scope, ScopeId, Indicator);

    public override string ToString() =>
        $"{SnapshotDate} {Period}({PeriodStart}) {Scope}[{ScopeId}] L{Level?.ToString(CultureInfo.InvariantCulture) ?? "-"} " +
        $"{Indicator}: {Numerator}/{Denominator} ratio={Show(Ratio)} target={Show(Target)} met={Show(Met)} final={IsFinal}";

    private static string Show(object? value) =>
        value switch
        {
            null => "null",
            decimal d => d.ToString(CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "null",
        };
}

public sealed record RunRow(
    string RunId,
    string Kind,
    string? StartedAt,
    string? FinishedAt,
    string Status,
    long? DossiersRead,
    long? DossiersUpserted,
    long? DossiersQuarantined,
    long? DossiersUncatalogued,
    long? SnapshotsWritten,
    string? Error);

public sealed record QuarantineRow(
    string Relation,
    string RecordKey,
    string Reason,
    string? FirstSeen,
    string? LastSeen,
    string? ValueText,
    string? ClearedAt)
{
    public bool IsActive => ClearedAt is null;
}

public sealed record StoreUnitRow(
    string UnitId, string? ParentId, string Name, int Level, string? ActiveFrom, string? ActiveTo);

public sealed record TargetRow(
    string EffectiveFrom, string? Source, string Indicator, int? Level, string? UnitId, decimal? Target);

/// <summary>
/// Reads the SQLite store the CLI wrote (store.md): dates YYYY-MM-DD text, booleans 0/1, ratios and targets numeric.
/// Opens the file read-only per call, so a test never holds a lock while the CLI runs.
/// </summary>
public sealed class StoreQueries(string storePath, Func<CliResult?>? lastRun = null)
{
    public bool StoreFileExists => File.Exists(storePath);

    /// <summary>kpi_snapshot rows, optionally of one date and/or period kind, in key order.</summary>
    public IReadOnlyList<SnapshotRow> Snapshots(string? snapshotDate = null, string? period = null)
    {
        var sql = "SELECT * FROM kpi_snapshot WHERE ($date IS NULL OR snapshot_date = $date) " +
                  "AND ($period IS NULL OR period = $period) " +
                  "ORDER BY snapshot_date, period, scope, scope_id, indicator";
        return Query(sql, r => new SnapshotRow(
            Text(r, "snapshot_date")!,
            Text(r, "period")!,
            Text(r, "period_start")!,
            Text(r, "scope")!,
            Text(r, "scope_id") ?? "<null>",
            (int?)Integer(r, "level"),
            Text(r, "indicator")!,
            Integer(r, "numerator") ?? -1,
            Integer(r, "denominator") ?? -1,
            Number(r, "ratio"),
            Number(r, "target"),
            Flag(r, "met"),
            Flag(r, "is_final") ?? false,
            Text(r, "computed_at")),
            ("$date", snapshotDate), ("$period", period));
    }

    /// <summary>Every kpi_run row, oldest first (by started_at, then by the order the store returns them).</summary>
    public IReadOnlyList<RunRow> Runs() =>
        Query("SELECT * FROM kpi_run", r => new RunRow(
                Text(r, "run_id")!,
                Text(r, "kind")!,
                Text(r, "started_at"),
                Text(r, "finished_at"),
                Text(r, "status")!,
                Integer(r, "dossiers_read"),
                Integer(r, "dossiers_upserted"),
                Integer(r, "dossiers_quarantined"),
                Integer(r, "dossiers_uncatalogued"),
                Integer(r, "snapshots_written"),
                Text(r, "error")))
            .Select((run, index) => (run, index))
            .OrderBy(x => ParseTimestamp(x.run.StartedAt))
            .ThenBy(x => x.index)
            .Select(x => x.run)
            .ToList();

    public RunRow LatestRun() =>
        Runs() is { Count: > 0 } runs ? runs[^1] : throw new InvalidOperationException($"kpi_run in {storePath} has no row.");

    /// <summary>kpi_run rows, or none when the store file or the table does not exist (a run that did no work).</summary>
    public IReadOnlyList<RunRow> RunsIfAny() => StoreFileExists && TableExists("kpi_run") ? Runs() : [];

    public IReadOnlyList<QuarantineRow> Quarantine() =>
        Query("SELECT * FROM kpi_quarantine ORDER BY relation, record_key", r => new QuarantineRow(
            Text(r, "relation")!,
            Text(r, "record_key")!,
            Text(r, "reason") ?? "",
            Text(r, "first_seen"),
            Text(r, "last_seen"),
            Text(r, "value_text"),
            Text(r, "cleared_at")));

    public IReadOnlyList<QuarantineRow> ActiveQuarantine() => Quarantine().Where(q => q.IsActive).ToList();

    public IReadOnlyList<StoreUnitRow> Units() =>
        Query("SELECT * FROM kpi_unit ORDER BY unit_id", r => new StoreUnitRow(
            Text(r, "unit_id")!,
            Text(r, "parent_id"),
            Text(r, "name")!,
            (int)(Integer(r, "level") ?? -1),
            Text(r, "active_from"),
            Text(r, "active_to")));

    /// <summary>kpi_indicator's codes (store.md names its first column "code").</summary>
    public IReadOnlyList<string> IndicatorCodes() =>
        Query("SELECT code FROM kpi_indicator ORDER BY code", r => Text(r, "code")!);

    public IReadOnlyList<TargetRow> Targets() =>
        Query("SELECT * FROM kpi_target ORDER BY effective_from, indicator, level, unit_id", r => new TargetRow(
            Text(r, "effective_from")!,
            Text(r, "source"),
            Text(r, "indicator")!,
            (int?)Integer(r, "level"),
            Text(r, "unit_id"),
            Number(r, "target")));

    public bool TableExists(string table) =>
        Query("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name = $name",
            r => r.GetString(0), ("$name", table)).Count > 0;

    /// <summary>Rows of a table; 0 when the store or the table does not exist yet.</summary>
    public long CountOrZero(string table) =>
        StoreFileExists && TableExists(table)
            ? Query($"SELECT COUNT(*) FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", r => r.GetInt64(0))[0]
            : 0;

    private List<T> Query<T>(string sql, Func<SqliteDataReader, T> map, params (string Name, object? Value)[] parameters)
    {
        if (!StoreFileExists)
        {
            throw new InvalidOperationException(
                $"The store {storePath} does not exist: the CLI never created it.{LastRunText()}");
        }

        try
        {
            using var connection = new SqliteConnection($"Data Source={storePath};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }

            using var reader = command.ExecuteReader();
            var rows = new List<T>();
            while (reader.Read())
            {
                rows.Add(map(reader));
            }

            return rows;
        }
        catch (Exception e) when (e is SqliteException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            // A missing table or column of store.md: say which query, and what the CLI printed.
            throw new InvalidOperationException($"Reading the store failed ({e.Message}) for: {sql}{LastRunText()}", e);
        }
    }

    private string LastRunText() =>
        lastRun?.Invoke() is { } run ? $"{Environment.NewLine}Last CLI run:{Environment.NewLine}{run.Describe()}" : "";

    private static bool? Flag(SqliteDataReader reader, string column) =>
        Value(reader, column) switch
        {
            null => null,
            long l => l != 0,
            double d => d != 0,
            string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => l != 0,
            string s => bool.Parse(s),
            var other => Convert.ToBoolean(other, CultureInfo.InvariantCulture),
        };

    private static DateTimeOffset ParseTimestamp(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : DateTimeOffset.MinValue;
}
