using System.Data.Common;
using Dapper;
using KpiIngest.Data.Dialects;
using Microsoft.Data.Sqlite;

namespace KpiIngest.Data.Store.Dialects;

/// <summary>
/// The embedded default: one file, dates as YYYY-MM-DD text, instants as ISO text, booleans 0/1 (store.md).
/// Its bulk path is one prepared insert executed per row inside the caller's transaction.
/// </summary>
public sealed class SqliteStoreDialect() : StoreDialect(EngineDialect.Sqlite, schema: "", tempPrefix: "temp.")
{
    /// <summary>BEGIN IMMEDIATE: the write lock is taken first, so a second writer waits (busy_timeout) instead of failing at commit.</summary>
    public override DbTransaction BeginWrite(DbConnection connection) => ((SqliteConnection)connection).BeginTransaction(deferred: false);

    public override bool WritesRowByRow => true;

    public override void BulkInsert(DbConnection connection, DbTransaction transaction, string table,
        IReadOnlyList<StoreColumn> columns, IEnumerable<object?[]> rows)
    {
        var insert = $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => c.Name))}) VALUES ({string.Join(", ", columns.Select(c => "@" + c.Name))})";
        foreach (var _ in ExecuteEachRow(connection, transaction, insert, columns, rows))
        {
        }
    }

    /// <summary>
    /// The row path without SqliteCommand: prepared once, bound by position (<see cref="SqliteRowStatement"/>), which
    /// is most of the cost of a first ingest's million fact inserts and daily-pair upserts.
    /// </summary>
    protected override IEnumerable<int> ExecuteEachRow(DbConnection connection, DbTransaction transaction, string sql,
        IReadOnlyList<StoreColumn> columns, IEnumerable<object?[]> rows)
    {
        using var statement = new SqliteRowStatement((SqliteConnection)connection, sql);
        var positions = columns.Select(c => statement.IndexOf("@" + c.Name)).ToArray();
        foreach (var row in rows)
        {
            for (var i = 0; i < positions.Length; i++)
            {
                Bind(statement, positions[i], columns[i].Type, row[i]);
            }

            yield return statement.Execute();
        }
    }

    protected override StoreRows CreateRows(DbCommand command, DbDataReader reader) => new SqliteStoreRows(command, (SqliteDataReader)reader);

    /// <summary>store.md's SQLite types: dates and instants as text, booleans 0/1, percentages REAL.</summary>
    private static void Bind(SqliteRowStatement statement, int position, StoreType type, object? value)
    {
        switch (value)
        {
            case null: statement.BindNull(position); break;
            case string text: statement.Bind(position, text); break;
            case long number: statement.Bind(position, number); break;
            case int number: statement.Bind(position, number); break;
            case bool flag: statement.Bind(position, flag ? 1 : 0); break;
            case decimal number when type == StoreType.Percentage: statement.Bind(position, (double)number); break;
            case double number: statement.Bind(position, number); break;
            case DateOnly day: statement.BindDay(position, day); break;
            case DateTimeOffset instant: statement.Bind(position, instant.UtcDateTime, StoreFormat.UtcFormat); break;
            case DateTime local: statement.BindLocal(position, local); break;
            default: throw new ArgumentException($"A {value.GetType().Name} has no SQLite store type ({type}).", nameof(value));
        }
    }

    protected override string CreateStageSql(StageTable stage) =>
        $"CREATE TEMP TABLE IF NOT EXISTS {stage.Name} ({ColumnList(stage)}); DELETE FROM {StageName(stage)};";

    protected override string TypeName(StoreType type) => type switch
    {
        StoreType.SmallNumber or StoreType.Count or StoreType.Flag => "INTEGER",
        StoreType.Percentage => "REAL",
        _ => "TEXT",
    };

    public override string VersionTableScript => """
        CREATE TABLE IF NOT EXISTS kpi_schema_version (
            version    TEXT NOT NULL PRIMARY KEY,
            applied_at TEXT NOT NULL
        );
        """;

    public override string NowSql => "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

    public override bool HasVersionTable(DbConnection connection) =>
        connection.ExecuteScalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'kpi_schema_version'") > 0;

    /// <summary>SQLite has one writer at a time: each migration's BEGIN IMMEDIATE is the lock, and a second process re-checks inside it.</summary>
    public override IDisposable LockMigrations(DbConnection connection) => NoLock.Instance;

    private sealed class NoLock : IDisposable
    {
        public static readonly NoLock Instance = new();

        public void Dispose()
        {
        }
    }
}
