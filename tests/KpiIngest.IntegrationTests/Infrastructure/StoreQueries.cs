using static KpiIngest.IntegrationTests.Infrastructure.StoreColumns;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace KpiIngest.IntegrationTests.Infrastructure;

/// <summary>A row of kpi_snapshot, every column of store.md. Dates stay text so their format is checked too.</summary>
public sealed record StoredSnapshotRow(
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

/// <summary>A row of kpi_scorecard, every column of scorecard.md ("Where it goes").</summary>
public sealed record StoredScorecardRow(
    string SnapshotDate,
    string Period,
    string PeriodStart,
    string Scope,
    string ScopeId,
    int? Level,
    string Item,
    string GroupCode,
    long? Numerator,
    long? Denominator,
    decimal? Ratio,
    decimal? Points,
    int MaxPoints,
    int KnownMaxPoints,
    string? Basis,
    bool IsFinal,
    string? ComputedAt)
{
    /// <summary>The snapshot key the row belongs to (kpi_snapshot's, without the indicator).</summary>
    public (string SnapshotDate, string Period, string Scope, string ScopeId) ScopeKey => (SnapshotDate, Period, Scope, ScopeId);
}

/// <summary>A row of kpi_scorecard_item.</summary>
public sealed record StoredScorecardItem(string Code, string GroupCode, string NameVi, int MaxPoints, string RuleVi);

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
/// Reads the store the CLI wrote (store.md), on SQLite (dates YYYY-MM-DD text, booleans 0/1, ratios and targets
/// numeric; the file opened read-only per call, so a test never holds a lock while the CLI runs) or in a server
/// database's schema, its values read back as SQLite's text so the same assertions hold on every engine.
/// </summary>
public sealed class StoreQueries
{
    private readonly string _storePath;
    private readonly Func<CliResult?>? _lastRun;
    private readonly ServerStore? _server;

    public StoreQueries(string storePath, Func<CliResult?>? lastRun = null)
    {
        _storePath = storePath;
        _lastRun = lastRun;
    }

    public StoreQueries(ServerStore server, Func<CliResult?>? lastRun = null)
    {
        _server = server;
        _storePath = $"{server.Database.Engine.Provider} database {server.Database.Name}, schema {server.Schema}";
        _lastRun = lastRun;
    }

    /// <summary>True for a SQLite store whose file exists, and for a server store (its database always exists).</summary>
    public bool StoreFileExists => _server is not null || File.Exists(_storePath);

    /// <summary>kpi_snapshot rows, optionally of one date and/or period kind, in key order.</summary>
    public IReadOnlyList<StoredSnapshotRow> Snapshots(string? snapshotDate = null, string? period = null)
    {
        var sql = "SELECT * FROM {s}kpi_snapshot";
        var rows = Query(sql, r => new StoredSnapshotRow(
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
            Text(r, "computed_at")));
        return OfDateInKeyOrder(rows, snapshotDate, period, r => (r.SnapshotDate, r.Period, r.Scope, r.ScopeId, r.Indicator));
    }

    /// <summary>kpi_scorecard rows, optionally of one date and/or period kind, in key order.</summary>
    public IReadOnlyList<StoredScorecardRow> Scorecards(string? snapshotDate = null, string? period = null)
    {
        var rows = Query("SELECT * FROM {s}kpi_scorecard", r => new StoredScorecardRow(
            Text(r, "snapshot_date")!,
            Text(r, "period")!,
            Text(r, "period_start")!,
            Text(r, "scope")!,
            Text(r, "scope_id") ?? "<null>",
            (int?)Integer(r, "level"),
            Text(r, "item")!,
            Text(r, "group_code")!,
            Integer(r, "numerator"),
            Integer(r, "denominator"),
            Number(r, "ratio"),
            Number(r, "points"),
            (int)(Integer(r, "max_points") ?? -1),
            (int)(Integer(r, "known_max_points") ?? -1),
            Text(r, "basis"),
            Flag(r, "is_final") ?? false,
            Text(r, "computed_at")));
        return OfDateInKeyOrder(rows, snapshotDate, period, r => (r.SnapshotDate, r.Period, r.Scope, r.ScopeId, r.Item));
    }

    /// <summary>Rows of one date and/or period kind (null: any), ordered by their key (date, period, scope, scope_id, last part).</summary>
    private static List<T> OfDateInKeyOrder<T>(
        IEnumerable<T> rows, string? snapshotDate, string? period, Func<T, (string Date, string Period, string Scope, string ScopeId, string Last)> key) =>
        [.. rows.Select(r => (Row: r, Key: key(r)))
            .Where(r => (snapshotDate is null || r.Key.Date == snapshotDate) && (period is null || r.Key.Period == period))
            .OrderBy(r => r.Key.Date, StringComparer.Ordinal)
            .ThenBy(r => r.Key.Period, StringComparer.Ordinal)
            .ThenBy(r => r.Key.Scope, StringComparer.Ordinal)
            .ThenBy(r => r.Key.ScopeId, StringComparer.Ordinal)
            .ThenBy(r => r.Key.Last, StringComparer.Ordinal)
            .Select(r => r.Row)];

    public IReadOnlyList<StoredScorecardItem> ScorecardItems() =>
        Query("SELECT * FROM {s}kpi_scorecard_item", r => new StoredScorecardItem(
            Text(r, "code")!, Text(r, "group_code")!, Text(r, "name_vi")!, (int)(Integer(r, "max_points") ?? -1), Text(r, "rule_vi")!))
            .OrderBy(i => i.Code, StringComparer.Ordinal)
            .ToList();

    /// <summary>Every kpi_run row, oldest first (by started_at, then by the order the store returns them).</summary>
    public IReadOnlyList<RunRow> Runs() =>
        Query("SELECT * FROM {s}kpi_run", r => new RunRow(
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
        Runs() is { Count: > 0 } runs ? runs[^1] : throw new InvalidOperationException($"kpi_run in {_storePath} has no row.");

    /// <summary>kpi_run rows, or none when the store file or the table does not exist (a run that did no work).</summary>
    public IReadOnlyList<RunRow> RunsIfAny() => StoreFileExists && TableExists("kpi_run") ? Runs() : [];

    public IReadOnlyList<QuarantineRow> Quarantine() =>
        Query("SELECT * FROM {s}kpi_quarantine", r => new QuarantineRow(
            Text(r, "relation")!,
            Text(r, "record_key")!,
            Text(r, "reason") ?? "",
            Text(r, "first_seen"),
            Text(r, "last_seen"),
            Text(r, "value_text"),
            Text(r, "cleared_at")))
            .OrderBy(q => q.Relation, StringComparer.Ordinal)
            .ThenBy(q => q.RecordKey, StringComparer.Ordinal)
            .ToList();

    public IReadOnlyList<QuarantineRow> ActiveQuarantine() => Quarantine().Where(q => q.IsActive).ToList();

    public IReadOnlyList<StoreUnitRow> Units() =>
        Query("SELECT * FROM {s}kpi_unit", r => new StoreUnitRow(
            Text(r, "unit_id")!,
            Text(r, "parent_id"),
            Text(r, "name")!,
            (int)(Integer(r, "level") ?? -1),
            Text(r, "active_from"),
            Text(r, "active_to")))
            .OrderBy(u => u.UnitId, StringComparer.Ordinal)
            .ToList();

    /// <summary>kpi_indicator's codes (store.md names its first column "code").</summary>
    public IReadOnlyList<string> IndicatorCodes() =>
        [.. Query("SELECT code FROM {s}kpi_indicator", r => Text(r, "code")!).Order(StringComparer.Ordinal)];

    public IReadOnlyList<TargetRow> Targets() =>
        Query("SELECT * FROM {s}kpi_target", r => new TargetRow(
            Text(r, "effective_from")!,
            Text(r, "source"),
            Text(r, "indicator")!,
            (int?)Integer(r, "level"),
            Text(r, "unit_id"),
            Number(r, "target")))
            .OrderBy(t => t.EffectiveFrom, StringComparer.Ordinal)
            .ThenBy(t => t.Indicator, StringComparer.Ordinal)
            .ThenBy(t => t.Level)
            .ThenBy(t => t.UnitId, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// The given columns of every row of a store table, as SQLite's text (see <see cref="StoreColumns.Text"/>; numbers
    /// in invariant form, ratios to two places), one line per row in ordinal order: for comparing stores across engines.
    /// </summary>
    public IReadOnlyList<string> Lines(string table, params string[] columns) =>
        [.. Query($"SELECT {string.Join(", ", columns)} FROM {{s}}{table}", r => string.Join(" | ", columns.Select(c => Show(r, c))))
            .Order(StringComparer.Ordinal)];

    private static string Show(DbDataReader reader, string column) =>
        Value(reader, column) switch
        {
            null => "null",
            double or decimal => Number(reader, column)!.Value.ToString("0.00", CultureInfo.InvariantCulture),
            bool flag => flag ? "1" : "0",
            _ => Text(reader, column)!,
        };

    public bool TableExists(string table) =>
        _server is { } server
            ? Query("SELECT table_name FROM information_schema.tables WHERE table_schema = @schema AND table_name = @name",
                r => r.GetString(0), ("@schema", server.Schema), ("@name", table)).Count > 0
            : Query("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name = @name",
                r => r.GetString(0), ("@name", table)).Count > 0;

    /// <summary>Rows of a table; 0 when the store or the table does not exist yet.</summary>
    public long CountOrZero(string table) =>
        StoreFileExists && TableExists(table)
            ? Query($"SELECT COUNT(*) FROM {{s}}{table}", r => Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture))[0]
            : 0;

    /// <summary>Runs <paramref name="sql"/>, where <c>{s}</c> stands before each store table (the schema on a server).</summary>
    private List<T> Query<T>(string sql, Func<DbDataReader, T> map, params (string Name, object? Value)[] parameters)
    {
        if (!StoreFileExists)
        {
            throw new InvalidOperationException(
                $"The store {_storePath} does not exist: the CLI never created it.{LastRunText()}");
        }

        sql = sql.Replace("{s}", _server is { } s ? s.Database.Engine.Quote(s.Schema) + "." : "", StringComparison.Ordinal);
        try
        {
            using var connection = _server is { } server
                ? server.Database.OpenAdmin()
                : OpenSqliteReadOnly();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value ?? DBNull.Value;
                command.Parameters.Add(parameter);
            }

            using var reader = command.ExecuteReader();
            var rows = new List<T>();
            while (reader.Read())
            {
                rows.Add(map(reader));
            }

            return rows;
        }
        catch (Exception e) when (e is DbException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            // A missing table or column of store.md: say which query, and what the CLI printed.
            throw new InvalidOperationException($"Reading the store failed ({e.Message}) for: {sql}{LastRunText()}", e);
        }
    }

    private SqliteConnection OpenSqliteReadOnly()
    {
        var connection = new SqliteConnection($"Data Source={_storePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection;
    }

    private string LastRunText() =>
        _lastRun?.Invoke() is { } run ? $"{Environment.NewLine}Last CLI run:{Environment.NewLine}{run.Describe()}" : "";

    private static bool? Flag(DbDataReader reader, string column) =>
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

/// <summary>A store in a server database: the schema Store:Schema names (store.md: default kpi).</summary>
public sealed record ServerStore(TestDatabase Database, string Schema = "kpi");
