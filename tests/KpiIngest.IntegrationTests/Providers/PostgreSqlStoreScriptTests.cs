using System.Data.Common;
using System.Globalization;
using KpiIngest.Data;
using KpiIngest.IntegrationTests.Infrastructure;
using Npgsql;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Providers;

/// <summary>
/// A fresh database set up as an integrator would (store-least-privilege.sql's store role, owning schema kpi), with the
/// four deploy/sql/postgresql/store migrations applied in order by that role, each in its own transaction, as the
/// migrator runs them. Applied once for the class; tests that write roll back.
/// </summary>
public sealed class PostgreSqlStoreFixture(PostgreSqlServer server) : IAsyncLifetime
{
    public const string StoreRole = "kpi_store";
    public const string Schema = "kpi";

    private TestDatabase? _database;

    public PostgreSqlServer Server => server;

    /// <summary>The store role's connection string; skips the test when PostgreSQL is unavailable.</summary>
    public string ConnectionString
    {
        get
        {
            if (server.UnavailableReason is { } reason)
            {
                Assert.Skip(reason);
            }

            return server.ConnectionString(_database!.Name, StoreRole, null);
        }
    }

    public ValueTask InitializeAsync()
    {
        if (server.UnavailableReason is not null)
        {
            return ValueTask.CompletedTask;
        }

        var database = server.CreateDatabase();
        _database = database;
        database.DisposeOnFailure(() =>
        {
            CreateStoreRoleAndSchema(database);
            using var connection = new NpgsqlConnection(server.ConnectionString(database.Name, StoreRole, null));
            connection.Open();
            foreach (var file in StoreMigrations.Files(DbEngine.PostgreSql))
            {
                using var transaction = connection.BeginTransaction();
                using var command = new NpgsqlCommand(
                    File.ReadAllText(file).Replace(EmbeddedSql.SchemaPlaceholder, "\"" + Schema + "\"", StringComparison.Ordinal),
                    connection,
                    transaction);
                command.ExecuteNonQuery();
                transaction.Commit();
            }
        });
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        _database?.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// deploy/sql/postgresql/store-least-privilege.sql: the store role and the schema it owns. Roles belong to the
    /// cluster, and other suites run the same file at the same time: a role created by another between the check and
    /// the CREATE ROLE is already there, so a second run finds it.
    /// </summary>
    private static void CreateStoreRoleAndSchema(TestDatabase database)
    {
        var script = RepositoryFiles.Read("deploy", "sql", DbEngine.PostgreSql.ScriptFolder(), "store-least-privilege.sql");
        try
        {
            database.ExecuteScript(script);
        }
        catch (PostgresException error) when (error.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateObject)
        {
            database.ExecuteScript(script);
        }
    }
}

/// <summary>
/// deploy/sql/postgresql/store against a real PostgreSQL, held to the SQLite store: every SQLite table, column (in
/// order, nullability), key, index and view column exists, each column of the PostgreSQL type of its kind, the views
/// answer with the right rows, and ids sort in ordinal order whatever the database's collation.
/// </summary>
public sealed class PostgreSqlStoreScriptTests(PostgreSqlStoreFixture fixture) : IClassFixture<PostgreSqlStoreFixture>
{
    private static readonly Lazy<StoreSchema> Sqlite = new(StoreMigrations.Sqlite);

    [Fact]
    public void ScriptNames_PostgreSqlStore_AreTheSqliteMigrations() =>
        StoreMigrations.Names(DbEngine.PostgreSql).ShouldBe(StoreMigrations.Names(DbEngine.Sqlite));

    [Fact]
    public void Tables_AfterAllScripts_AreTheSqliteTablesWithTheirColumnsInOrderAndNullability()
    {
        var store = ReadStore();

        store.Tables.Keys.Order(StringComparer.Ordinal).ShouldBe(Sqlite.Value.Tables.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, table) in Sqlite.Value.Tables)
        {
            store.Tables[name].ColumnNames.ShouldBe(table.ColumnNames, name);
            store.Tables[name].Columns.Select(c => c.NotNull).ShouldBe(table.Columns.Select(c => c.NotNull), $"{name} NOT NULL, column by column");
        }
    }

    [Fact]
    public void Columns_EveryOne_HasThePostgreSqlTypeOfItsKind()
    {
        var store = ReadStore();

        var problems = new List<string>();
        foreach (var (name, table) in Sqlite.Value.Tables)
        {
            foreach (var column in table.Columns)
            {
                var actual = store.Tables[name].Column(column.Name);
                var expected = StoreSchema.KindOf(name, column) switch
                {
                    StoreColumnKind.Date => "date",
                    StoreColumnKind.UtcTime => "timestamp with time zone",
                    StoreColumnKind.LocalTime => "timestamp without time zone",
                    StoreColumnKind.Flag => "boolean",
                    StoreColumnKind.Percentage => "numeric(5,2)",
                    StoreColumnKind.SmallNumber => "integer",
                    StoreColumnKind.Count => "bigint",
                    StoreColumnKind.Key => "text COLLATE \"C\"",
                    _ => "text",
                };
                if (actual.Type != expected)
                {
                    problems.Add($"{name}.{column.Name}: {actual.Type}, expected {expected}");
                }

                if (actual.Identity != column.Identity)
                {
                    problems.Add($"{name}.{column.Name}: identity {actual.Identity}, the SQLite rowid key {column.Identity}");
                }
            }
        }

        problems.ShouldBeEmpty();
    }

    [Fact]
    public void Keys_EveryTable_HasTheSqlitePrimaryKeyUniqueConstraintsAndIndexes()
    {
        var store = ReadStore();

        foreach (var (name, table) in Sqlite.Value.Tables)
        {
            store.Tables[name].Keys.ShouldBe(table.Keys, name);
        }
    }

    [Fact]
    public void Views_BothBiViews_HaveTheSqliteColumnsInOrder()
    {
        var store = ReadStore();

        store.Views.Keys.Order(StringComparer.Ordinal).ShouldBe(Sqlite.Value.Views.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, columns) in Sqlite.Value.Views)
        {
            store.Views[name].ShouldBe(columns, name);
        }
    }

    [Fact]
    public void Views_ThreeSnapshotRowsOfOneUnit_LatestKeepsTheNewestPerSeriesAndWidePivotsEachDate()
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, """
            INSERT INTO kpi.kpi_unit (unit_id, parent_id, name, level) VALUES ('SO-TP', NULL, 'Sở Tư pháp', 1);
            INSERT INTO kpi.kpi_snapshot (snapshot_date, period, period_start, scope, scope_id, level, indicator, numerator,
                                          denominator, ratio, target, met, is_final, computed_at)
            VALUES ('2024-04-29', 'MTD', '2024-04-01', 'UNIT', 'SO-TP', 1, 'ONLINE_DOSSIER', 3, 5, 60.00, 50.00, true, true, '2024-04-30 01:00Z'),
                   ('2024-04-30', 'MTD', '2024-04-01', 'UNIT', 'SO-TP', 1, 'ONLINE_DOSSIER', 169, 200, 84.50, 50.00, true, false, '2024-04-30 03:00Z'),
                   ('2024-04-30', 'MTD', '2024-04-01', 'UNIT', 'SO-TP', 1, 'ON_TIME', 7, 8, 87.50, NULL, NULL, true, '2024-04-30 03:00Z');
            """);

        var latest = Rows(connection, transaction,
            "SELECT indicator, snapshot_date::text, ratio::text, is_final::text FROM kpi.kpi_snapshot_latest ORDER BY indicator COLLATE \"C\"");
        var wide = Rows(connection, transaction, """
            SELECT snapshot_date::text, unit_name, online_dossier::text, on_time::text, digitized::text, is_final::text
            FROM kpi.kpi_snapshot_wide WHERE scope = 'UNIT' AND scope_id = 'SO-TP' ORDER BY snapshot_date
            """);

        latest.ShouldBe(["ONLINE_DOSSIER | 2024-04-30 | 84.50 | false", "ON_TIME | 2024-04-30 | 87.50 | true"]);
        wide.ShouldBe([
            "2024-04-29 | Sở Tư pháp | 60.00 | NULL | NULL | true",
            // is_final as SQLite's MAX(is_final): true once any indicator of the row is final.
            "2024-04-30 | Sở Tư pháp | 84.50 | 87.50 | NULL | true",
        ]);
    }

    [Fact]
    public void Ids_OrderedByTheDatabase_AreInOrdinalOrderWhateverItsCollation()
    {
        string[] ids = ["b9", "a", "_", "B", "b10", "Z", "đ", "e"];
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        foreach (var id in ids)
        {
            Execute(connection, transaction,
                "INSERT INTO kpi.kpi_dossier_fact (dossier_id, unit_id, procedure_code, traits, updated_at, pair_id) " +
                "VALUES (@id, @id, @id, 0, '2024-04-30 08:00', 1)", ("id", id));
        }

        var ordinal = string.Join(" ", ids.Order(StringComparer.Ordinal));
        var ordered = string.Join(" ", Rows(connection, transaction, "SELECT dossier_id FROM kpi.kpi_dossier_fact ORDER BY dossier_id"));
        var byUnit = string.Join(" ", Rows(connection, transaction, "SELECT unit_id FROM kpi.kpi_dossier_fact ORDER BY unit_id"));

        ordered.ShouldBe(ordinal, "'B' before 'a', '_' after 'Z', 'đ' after 'e'");
        byUnit.ShouldBe(ordinal);
        if (fixture.Server.HasIcu)
        {
            // The test database collates Vietnamese: without COLLATE "C" the same rows would come back otherwise.
            string.Join(" ", Rows(connection, transaction, "SELECT dossier_id FROM kpi.kpi_dossier_fact ORDER BY dossier_id COLLATE \"default\""))
                .ShouldNotBe(ordinal);
        }
    }

    private NpgsqlConnection Open()
    {
        var connection = new NpgsqlConnection(fixture.ConnectionString);
        connection.Open();
        return connection;
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }

    /// <summary>Each row as its values joined by " | ", NULL for null.</summary>
    private static List<string> Rows(DbConnection connection, DbTransaction? transaction, string sql) =>
        [.. Cells(connection, transaction, sql).Select(row => string.Join(" | ", row.Select(v => v ?? "NULL")))];

    private static List<string?[]> Cells(DbConnection connection, DbTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string?[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))]);
        }

        return rows;
    }

    /// <summary>Schema kpi as PostgreSQL's catalog describes it, in the model the SQLite store is read into.</summary>
    private StoreSchema ReadStore()
    {
        using var connection = Open();
        var columns = Cells(connection, null, """
            SELECT c.table_name, t.table_type, c.column_name,
                   CASE WHEN c.data_type = 'numeric' THEN format('numeric(%s,%s)', c.numeric_precision, c.numeric_scale)
                        WHEN c.collation_name IS NOT NULL THEN format('%s COLLATE "%s"', c.data_type, c.collation_name)
                        ELSE c.data_type END,
                   c.is_nullable, c.is_identity
            FROM information_schema.columns AS c
            JOIN information_schema.tables AS t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = 'kpi'
            ORDER BY c.table_name, c.ordinal_position
            """);
        var keys = Cells(connection, null, """
            SELECT t.relname,
                   CASE WHEN x.indisprimary THEN 'PRIMARY KEY' WHEN x.indisunique THEN 'UNIQUE' ELSE 'INDEX ' || i.relname END
                   || ' (' || (SELECT string_agg(a.attname, ', ' ORDER BY k.n)
                               FROM unnest(x.indkey) WITH ORDINALITY AS k(attnum, n)
                               JOIN pg_attribute AS a ON a.attrelid = t.oid AND a.attnum = k.attnum) || ')'
            FROM pg_index AS x
            JOIN pg_class AS t ON t.oid = x.indrelid
            JOIN pg_class AS i ON i.oid = x.indexrelid
            JOIN pg_namespace AS n ON n.oid = t.relnamespace
            WHERE n.nspname = 'kpi'
            """);

        var tables = columns.Where(c => c[1] == "BASE TABLE").GroupBy(c => c[0]!).ToDictionary(
            t => t.Key,
            t => new StoreTable(
                t.Key,
                [.. t.Select(c => new MigratedColumn(c[2]!, c[3]!, c[4] == "NO", c[5] == "YES"))],
                [.. keys.Where(k => k[0] == t.Key).Select(k => k[1]!).Order(StringComparer.Ordinal)]),
            StringComparer.Ordinal);
        var views = columns.Where(c => c[1] == "VIEW").GroupBy(c => c[0]!).ToDictionary(
            v => v.Key, v => (IReadOnlyList<string>)[.. v.Select(c => c[2]!)], StringComparer.Ordinal);
        return new StoreSchema(tables, views);
    }
}
