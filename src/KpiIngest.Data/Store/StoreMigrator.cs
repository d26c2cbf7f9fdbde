using System.Data.Common;
using System.Globalization;
using System.Text;
using Dapper;
using KpiIngest.Data.Store.Dialects;

namespace KpiIngest.Data.Store;

/// <summary>
/// Creates and upgrades the store with the numbered scripts of deploy/sql/&lt;provider&gt;/store, each applied once,
/// in order, in its own transaction together with its record in kpi_schema_version, under the dialect's migration
/// lock so that instances starting together upgrade once.
/// </summary>
public static class StoreMigrator
{
    /// <summary>Applies pending migrations; returns the names applied now.</summary>
    public static IReadOnlyList<string> Migrate(DbConnection connection, StoreDialect dialect, TimeProvider time)
    {
        StoreUsage.Current?.CountMigration();
        // Nothing pending (the common case, and a store a DBA upgraded): no DDL and no lock, so a service login
        // without DDL rights starts on an upgraded store.
        if (dialect.HasVersionTable(connection) && Pending(connection, dialect).Count == 0)
        {
            return [];
        }

        using var migrationLock = dialect.LockMigrations(connection);
        dialect.EnsureVersionTable(connection);
        var applied = new List<string>();
        foreach (var (name, sql) in dialect.Migrations())
        {
            using var transaction = dialect.BeginWrite(connection);

            // Checked inside the transaction (and the lock): a second instance finds the first one's record.
            var done = connection.ExecuteScalar<long>(
                dialect.Resolve("SELECT COUNT(*) FROM {schema}.kpi_schema_version WHERE version = @name"), new { name }, transaction);
            if (done > 0)
            {
                continue;
            }

            foreach (var batch in dialect.Batches(sql))
            {
                connection.Execute(batch, transaction: transaction, commandTimeout: dialect.UnboundedCommandTimeout);
            }

            connection.Execute(
                dialect.Resolve("INSERT INTO {schema}.kpi_schema_version (version, applied_at) VALUES (@name, @at)"),
                new { name, at = dialect.Utc(time.GetUtcNow()) },
                transaction);
            transaction.Commit();
            applied.Add(name);
        }

        return applied;
    }

    public static IReadOnlyList<string> Pending(DbConnection connection, StoreDialect dialect)
    {
        var done = dialect.HasVersionTable(connection)
            ? connection.Query<string>(dialect.Resolve("SELECT version FROM {schema}.kpi_schema_version")).ToHashSet(StringComparer.Ordinal)
            : [];
        return [.. dialect.Migrations().Select(m => m.Name).Where(n => !done.Contains(n))];
    }

    /// <summary>
    /// The SQL that brings this store up to date, for a DBA to review and run where the service login has no DDL
    /// rights (migrate --script): the pending scripts in order, each recording itself in kpi_schema_version.
    /// </summary>
    public static string Script(DbConnection connection, StoreDialect dialect, TimeProvider time)
    {
        var pending = Pending(connection, dialect).ToHashSet(StringComparer.Ordinal);
        var script = new StringBuilder();
        script.AppendLine(CultureInfo.InvariantCulture, $"-- KpiIngest store migrations for {dialect.Provider}, written {StoreFormat.Utc(time.GetUtcNow())}.");
        script.AppendLine(CultureInfo.InvariantCulture, $"-- Pending: {(pending.Count == 0 ? "none, the store is up to date" : string.Join(", ", pending.Order(StringComparer.Ordinal)))}.");
        script.AppendLine("-- Run it as the store schema's owner, stopping at the first error (sqlcmd -b, psql -v ON_ERROR_STOP=1); each migration is one transaction.");
        if (pending.Count == 0)
        {
            return script.ToString();
        }

        if (!dialect.HasVersionTable(connection))
        {
            script.AppendLine().AppendLine(dialect.VersionTableScript);
            Separate(script, dialect);
        }

        foreach (var (name, sql) in dialect.Migrations().Where(m => pending.Contains(m.Name)))
        {
            script.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"-- {name}").AppendLine(dialect.BeginTransactionSql);
            Separate(script, dialect);
            foreach (var batch in dialect.Batches(sql))
            {
                script.AppendLine(batch.Trim());
                Separate(script, dialect);
            }

            script.AppendLine(dialect.Resolve(
                $"INSERT INTO {{schema}}.kpi_schema_version (version, applied_at) VALUES ('{name}', {dialect.NowSql});"));
            script.AppendLine("COMMIT;");
            Separate(script, dialect);
        }

        return script.ToString();
    }

    private static void Separate(StringBuilder script, StoreDialect dialect)
    {
        if (dialect.BatchSeparator.Length > 0)
        {
            script.AppendLine(dialect.BatchSeparator);
        }
    }
}
