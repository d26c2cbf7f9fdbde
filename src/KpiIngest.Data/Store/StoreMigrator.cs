using Dapper;
using Microsoft.Data.Sqlite;

namespace KpiIngest.Data.Store;

/// <summary>
/// Creates and upgrades the store with the numbered scripts of Sql/&lt;provider&gt;/Migrations, each applied once,
/// in order, in its own transaction together with its record in kpi_schema_version.
/// </summary>
public static class StoreMigrator
{
    /// <summary>Applies pending migrations; returns the names applied now.</summary>
    public static IReadOnlyList<string> Migrate(SqliteConnection connection, TimeProvider time)
    {
        // BEGIN IMMEDIATE takes the write lock first: two processes starting together upgrade once.
        connection.Execute("""
            CREATE TABLE IF NOT EXISTS kpi_schema_version (
                version    TEXT NOT NULL PRIMARY KEY,
                applied_at TEXT NOT NULL
            )
            """);
        var applied = new List<string>();
        foreach (var (name, sql) in SqlScript.Migrations("Sqlite"))
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            var done = connection.ExecuteScalar<long>(
                "SELECT COUNT(*) FROM kpi_schema_version WHERE version = @name", new { name }, transaction);
            if (done > 0)
            {
                continue;
            }

            connection.Execute(sql, transaction: transaction);
            connection.Execute(
                "INSERT INTO kpi_schema_version (version, applied_at) VALUES (@name, @at)",
                new { name, at = StoreFormat.Utc(time.GetUtcNow()) },
                transaction);
            transaction.Commit();
            applied.Add(name);
        }

        return applied;
    }

    public static IReadOnlyList<string> Pending(SqliteConnection connection)
    {
        var exists = connection.ExecuteScalar<long>(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'kpi_schema_version'") > 0;
        var done = exists
            ? connection.Query<string>("SELECT version FROM kpi_schema_version").ToHashSet(StringComparer.Ordinal)
            : [];
        return [.. SqlScript.Migrations("Sqlite").Select(m => m.Name).Where(n => !done.Contains(n))];
    }
}
