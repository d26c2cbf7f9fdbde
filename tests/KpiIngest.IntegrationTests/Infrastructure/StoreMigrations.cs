using KpiIngest.Core.Source;
using KpiIngest.Data;
using Microsoft.Data.Sqlite;

namespace KpiIngest.IntegrationTests.Infrastructure;

/// <summary>
/// The store's migration scripts per provider, and the SQLite store they build as the reference the server scripts
/// are held to: the same migrations by name, the same tables, columns (in order, with their nullability), keys,
/// indexes and view columns, and for each column the type its kind takes on each engine (store.md).
/// </summary>
public static class StoreMigrations
{
    /// <summary>Relative folder of each engine's store migrations.</summary>
    public static string Folder(DbEngine engine) => Path.Combine("deploy", "sql", engine.ScriptFolder(), "store");

    /// <summary>The migration files of an engine, in the order they apply (their number prefix).</summary>
    public static IReadOnlyList<string> Files(DbEngine engine) =>
        [.. Directory.GetFiles(RepositoryFiles.Path(Folder(engine)), "*.sql").Order(StringComparer.Ordinal)];

    public static IReadOnlyList<string> Names(DbEngine engine) => [.. Files(engine).Select(Path.GetFileName).OfType<string>()];

    /// <summary>The SQLite migrations applied, in order, to an in-memory database, read back as a model.</summary>
    public static StoreSchema Sqlite()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        foreach (var file in Files(DbEngine.Sqlite))
        {
            using var command = connection.CreateCommand();
            command.CommandText = File.ReadAllText(file);
            command.ExecuteNonQuery();
        }

        var tables = new List<StoreTable>();
        var views = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (name, type, withoutRowid) in Rows(connection,
                     "SELECT name, type, wr FROM pragma_table_list WHERE schema = 'main' AND name LIKE 'kpi\\_%' ESCAPE '\\' ORDER BY name",
                     r => (r.GetString(0), r.GetString(1), r.GetInt64(2) == 1)))
        {
            var columns = Rows(connection, $"SELECT name, type, \"notnull\", pk FROM pragma_table_info('{name}') ORDER BY cid",
                r => (Name: r.GetString(0), Type: r.GetString(1), NotNull: r.GetInt64(2) == 1, Pk: r.GetInt64(3)));
            if (type == "view")
            {
                views[name] = [.. columns.Select(c => c.Name)];
                continue;
            }

            var primaryKey = columns.Where(c => c.Pk > 0).OrderBy(c => c.Pk).Select(c => c.Name).ToList();
            // A rowid table's single INTEGER PRIMARY KEY is the rowid: the servers' identity column.
            var identity = !withoutRowid && primaryKey.Count == 1 && columns.Single(c => c.Name == primaryKey[0]).Type == "INTEGER"
                ? primaryKey[0]
                : null;
            var keys = primaryKey.Count > 0 ? new List<string> { StoreSchema.PrimaryKey(primaryKey) } : [];
            foreach (var (index, origin) in Rows(connection, $"SELECT name, origin FROM pragma_index_list('{name}')",
                         r => (r.GetString(0), r.GetString(1))))
            {
                var indexColumns = Rows(connection, $"SELECT name FROM pragma_index_info('{index}') ORDER BY seqno", r => r.GetString(0));
                switch (origin)
                {
                    case "u":
                        keys.Add(StoreSchema.Unique(indexColumns));
                        break;
                    case "c":
                        keys.Add(StoreSchema.Index(index, indexColumns));
                        break;
                }
            }

            tables.Add(new StoreTable(
                name,
                [.. columns.Select(c => new MigratedColumn(c.Name, c.Type, c.NotNull || primaryKey.Contains(c.Name), c.Name == identity))],
                [.. keys.Order(StringComparer.Ordinal)]));
        }

        return new StoreSchema(tables.ToDictionary(t => t.Name, StringComparer.Ordinal), views);
    }

    private static List<T> Rows<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}

/// <summary>What a column holds (store.md), whatever the engine calls its type.</summary>
public enum StoreColumnKind
{
    /// <summary>A local date: SQLite text, date on the servers.</summary>
    Date,

    /// <summary>A UTC instant: timestamptz, datetime2(3).</summary>
    UtcTime,

    /// <summary>The source's local wall-clock time (kpi_dossier_fact.updated_at): timestamp, datetime2(7).</summary>
    LocalTime,

    /// <summary>0/1 on SQLite: boolean, bit.</summary>
    Flag,

    /// <summary>A percentage: numeric(5,2), decimal(5,2).</summary>
    Percentage,

    /// <summary>A level, mode, number or flag set: integer, int.</summary>
    SmallNumber,

    /// <summary>A count or surrogate key: bigint.</summary>
    Count,

    /// <summary>An id from the source, compared ordinally: text COLLATE "C", nvarchar(n) COLLATE Latin1_General_100_BIN2.</summary>
    Key,

    /// <summary>Other text: text, nvarchar(n) or nvarchar(max) in the database's collation.</summary>
    Text,
}

public sealed record MigratedColumn(string Name, string Type, bool NotNull, bool Identity);

/// <summary>A table: its columns in order, and its primary key, unique constraints and indexes as <see cref="StoreSchema.PrimaryKey"/>,
/// <see cref="StoreSchema.Unique"/> and <see cref="StoreSchema.Index"/> write them.</summary>
public sealed record StoreTable(string Name, IReadOnlyList<MigratedColumn> Columns, IReadOnlyList<string> Keys)
{
    public IReadOnlyList<string> ColumnNames => [.. Columns.Select(c => c.Name)];

    public MigratedColumn Column(string name) => Columns.Single(c => c.Name == name);
}

/// <summary>A store's tables and views (view name to its column names, in order).</summary>
public sealed record StoreSchema(IReadOnlyDictionary<string, StoreTable> Tables, IReadOnlyDictionary<string, IReadOnlyList<string>> Views)
{
    private static readonly HashSet<string> Dates = new(StringComparer.Ordinal)
    {
        "snapshot_date", "period_start", "opened_on", "last_seen_on", "closed_on", "last_event_on", "active_from", "active_to",
        "effective_from", "received_day", "resolved_day", "due_day", "day", "event_on", "as_of",
    };

    private static readonly HashSet<string> UtcTimes = new(StringComparer.Ordinal)
    {
        "computed_at", "started_at", "finished_at", "first_seen", "last_seen", "cleared_at", "notified_at", "created_at",
        "next_attempt_at", "sent_at", "acquired_at", "renewed_at", "expires_at", "fire_time", "claimed_at",
    };

    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "met", "is_final", "has_fee", "online_payment", "requires_result", "citizen_subject" };

    // Two-decimal figures up to 100: percentages, and the scorecard's points (of at most 100).
    private static readonly HashSet<string> Percentages = new(StringComparer.Ordinal) { "ratio", "target", "gap", "points" };

    private static readonly HashSet<string> SmallNumbers = new(StringComparer.Ordinal) { "level", "online_mode", "number", "traits", "attempts", "max_points", "known_max_points" };

    private static readonly HashSet<string> Keys = new(StringComparer.Ordinal)
    {
        "dossier_id", "unit_id", "parent_id", "procedure_code", "scope_id", "record_key",
    };

    public static string PrimaryKey(IEnumerable<string> columns) => $"PRIMARY KEY ({string.Join(", ", columns)})";

    public static string Unique(IEnumerable<string> columns) => $"UNIQUE ({string.Join(", ", columns)})";

    public static string Index(string name, IEnumerable<string> columns) => $"INDEX {name} ({string.Join(", ", columns)})";

    /// <summary>
    /// The kind of a SQLite store column, by its name (store.md's type rules), checked against its SQLite type: a new
    /// column whose name no rule knows is a count (INTEGER) or text (TEXT), and one whose kind and SQLite type
    /// disagree fails here, so a rule cannot silently miss it.
    /// </summary>
    public static StoreColumnKind KindOf(string table, MigratedColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var kind = column.Name switch
        {
            "updated_at" when table == "kpi_dossier_fact" => StoreColumnKind.LocalTime,
            var n when UtcTimes.Contains(n) => StoreColumnKind.UtcTime,
            var n when Dates.Contains(n) => StoreColumnKind.Date,
            var n when Flags.Contains(n) => StoreColumnKind.Flag,
            var n when Percentages.Contains(n) => StoreColumnKind.Percentage,
            var n when SmallNumbers.Contains(n) => StoreColumnKind.SmallNumber,
            var n when Keys.Contains(n) => StoreColumnKind.Key,
            _ when column.Type == "INTEGER" => StoreColumnKind.Count,
            _ when column.Type == "TEXT" => StoreColumnKind.Text,
            _ => throw new InvalidOperationException($"{table}.{column.Name} ({column.Type}): no type rule covers it; add one."),
        };
        var sqliteType = kind switch
        {
            StoreColumnKind.Flag or StoreColumnKind.SmallNumber or StoreColumnKind.Count => "INTEGER",
            StoreColumnKind.Percentage => "REAL",
            _ => "TEXT",
        };
        return column.Type == sqliteType
            ? kind
            : throw new InvalidOperationException($"{table}.{column.Name} is {column.Type} on SQLite, but its name makes it {kind} ({sqliteType}).");
    }

    /// <summary>The longest text a key column holds: a source key, or a quarantine record_key (a hostile key hashed down).</summary>
    public static int KeyLength(string column) => column == "record_key" ? QuarantineEntry.MaxKeyLength : ContractLimits.KeyLength;
}
