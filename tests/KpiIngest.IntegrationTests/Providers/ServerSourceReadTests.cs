using System.Globalization;
using System.Text.Json.Nodes;
using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;
using static KpiIngest.IntegrationTests.Infrastructure.Kpi;

namespace KpiIngest.IntegrationTests.Providers;

/// <summary>
/// The real CLI reading a server source whose columns are not the reference schema's: a varchar dossier_id paged in
/// small batches, and a key read for reconciliation slower than the connection string's command timeout. The store
/// stays SQLite; the subclasses give each engine's own DDL.
/// </summary>
public abstract class ServerSourceReadTests(DatabaseServer server)
{
    private const string Date = "2024-04-30";

    private static readonly Dictionary<string, int> Levels = new() { ["SO-TP"] = 1 };

    /// <summary>Turns src_dossier.dossier_id into a code-page (varchar) column of a collation whose order is not Unicode's.</summary>
    protected abstract IReadOnlyList<string> VarcharDossierIdSql { get; }

    /// <summary>
    /// Ordered by the column as the source orders it, and compared with the cursor the way the source compares a key
    /// parameter sent as Unicode (nvarchar, text): true when "a" sorts before "b" in the first and after it in the
    /// second, so a cursor typed as Unicode would skip "b" at a page boundary. Null where the engine has no such
    /// difference (the test then checks plain paging over varchar).
    /// </summary>
    protected abstract string? KeysSortUnlikeUnicodeSql { get; }

    /// <summary>Replaces src_dossier by a view over the same rows that takes <paramref name="secondsPerRow"/> to produce each dossier_id.</summary>
    protected abstract IReadOnlyList<string> SlowDossierIdViewSql(double secondsPerRow);

    [Fact]
    public async Task Once_VarcharDossierIdsThatSortUnlikeUnicode_EveryRowReadOnceAcrossSmallPages()
    {
        using var workspace = ServerWorkspaces.ContractTables(server, TimestampColumns.LocalTime, new SourceShape { DossierIdIsPrimaryKey = false });
        foreach (var statement in VarcharDossierIdSql)
        {
            workspace.ExecuteSource(statement);
        }

        if (KeysSortUnlikeUnicodeSql is { } check)
        {
            using var connection = server.Engine.Open(workspace.Source.ConnectionString);
            server.Engine.Scalar<int>(connection, check, ("@a", "K000-C"), ("@b", "K000B"))
                .ShouldBe(1, "the test's keys must sort '-' before letters in the column and after them as Unicode");
        }

        InSmallPages(workspace);

        // One updated_at, so the pages are cut by dossier_id alone. In the column's order: A, K000-C, K000B, K001-C, ...:
        // each page of 100 ends on a K...-C key, whose K...B follows it in the column but precedes it as Unicode.
        var ids = new List<string> { "A" };
        ids.AddRange(Enumerable.Range(0, 150).SelectMany(i =>
        {
            var stem = "K" + i.ToString("000", CultureInfo.InvariantCulture);
            return new[] { stem + "-C", stem + "B" };
        }));
        workspace.AddDossiers(ids.Select((id, i) => new DossierRow(id, "SO-TP", "P1") { Channel = i % 3 == 0 ? 2 : 1 }));

        await OnceShouldReadEveryRowOnce(workspace, rows: 301, online: 101, ratio: 33.55m);
    }

    [Fact]
    public async Task Once_PageEndsOnKeysTheSourceComparesEqual_EachReadOnceAndNeitherQuarantined()
    {
        using var workspace = ServerWorkspaces.ContractTables(server, TimestampColumns.LocalTime, new SourceShape { DossierIdIsPrimaryKey = false });
        InSmallPages(workspace);

        // One updated_at; X and x are rows 99 and 100 of the first page. SQL Server's default case-insensitive
        // collation orders them as ties and completes the page's last key with both, one of them already in the page.
        workspace.AddDossiers(Enumerable.Range(1, 98).Select(i => $"D{i:000}").Concat(["X", "x", "Z"])
            .Select((id, i) => new DossierRow(id, "SO-TP", "P1") { Channel = i % 5 == 0 ? 2 : 1 }));

        await OnceShouldReadEveryRowOnce(workspace, rows: 101, online: 21, ratio: 20.79m);
    }

    /// <summary>Makes src_dossier.updated_at a timestamp column holding at least tenths of a millisecond.</summary>
    protected abstract IReadOnlyList<string> FineUpdatedAtSql { get; }

    [Fact]
    public async Task Once_PagesCutBetweenUpdatedAtsHalfAMillisecondApart_EveryRowReadOnce()
    {
        using var workspace = ServerWorkspaces.ContractTables(server, TimestampColumns.LocalTime);
        foreach (var statement in FineUpdatedAtSql)
        {
            workspace.ExecuteSource(statement);
        }

        InSmallPages(workspace);

        // 08:00:00.0000, .0005, .0010, ...: pages end at .0495 and .0995 s, which the legacy datetime (steps of 1/300 s)
        // cannot hold; a cursor rounded to it would re-read or skip the rows around the boundary.
        var start = new DateTime(2024, 5, 1, 8, 0, 0);
        workspace.AddDossiers(Enumerable.Range(0, 250).Select(i => new DossierRow($"D{i:000}", "SO-TP", "P1")
        {
            Channel = i % 5 == 0 ? 2 : 1,
            UpdatedAt = start.AddTicks(i * 5_000L).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        }));

        await OnceShouldReadEveryRowOnce(workspace, rows: 250, online: 50, ratio: 20.00m);
    }

    [Fact]
    public async Task Reconcile_KeyReadSlowerThanTheConnectionStringsCommandTimeout_Succeeds()
    {
        using var workspace = ServerWorkspaces.ContractTables(server, TimestampColumns.LocalTime);
        workspace.AddUnits(new UnitRow("SO-TP", "Sở Tư pháp", 1));
        workspace.AddProcedures(new ProcedureRow("SO-TP", "P1", 4));

        // Days apart, so reconciliation's poll (overlap ten minutes) reads only the newest row through the slow view.
        workspace.AddDossiers(Enumerable.Range(1, 6).Select(i => new DossierRow($"D{i}", "SO-TP", "P1")
        {
            UpdatedAt = ProvinceClock.NowPlus(TimeSpan.FromDays(i - 8)),
        }));
        (await workspace.RunAsync("once", "--date", Date)).ShouldSucceed();

        // Six keys at 0.4 s each: the ordered key read needs 2.4 s before its first row, over the 1 s allowed here.
        foreach (var statement in SlowDossierIdViewSql(0.4))
        {
            workspace.ExecuteSource(statement);
        }

        // Both drivers take this keyword: the default timeout, in seconds, of every command on the connection.
        var source = workspace.Source.ConnectionString + ";Command Timeout=1";
        workspace.Configure(new JsonObject { ["Source"] = new JsonObject { ["ConnectionString"] = source } });

        var result = (await workspace.RunAsync("reconcile")).ShouldSucceed();

        var reconcile = workspace.Store.LatestRun();
        reconcile.Kind.ShouldBe("reconcile");
        reconcile.Status.ShouldBe("SUCCEEDED", result.Describe());
        workspace.Store.CountOrZero("kpi_dossier_fact").ShouldBe(6);
    }

    /// <summary>Pages of 100 dossiers (Source:BatchSize's least), all of SO-TP's procedure P1.</summary>
    private static void InSmallPages(ProvinceWorkspace workspace)
    {
        workspace.Configure("""{ "Source": { "BatchSize": 100 } }""");
        workspace.AddUnits(new UnitRow("SO-TP", "Sở Tư pháp", 1));
        workspace.AddProcedures(new ProcedureRow("SO-TP", "P1", 4));
    }

    /// <summary>One run reads each of <paramref name="rows"/> dossiers once: none skipped, none read twice, all counted.</summary>
    private static async Task OnceShouldReadEveryRowOnce(ProvinceWorkspace workspace, int rows, int online, decimal ratio)
    {
        (await workspace.RunAsync("once", "--date", Date)).ShouldSucceed();

        var run = workspace.Store.LatestRun();
        run.DossiersRead.ShouldBe(rows);
        run.DossiersQuarantined.ShouldBe(0); // a row read twice in one page would be a duplicate
        workspace.Store.CountOrZero("kpi_dossier_fact").ShouldBe(rows);
        SnapshotAssert.ShouldMatch(workspace.Store.Snapshots(Date, Mtd), Date, Mtd, "2024-04-01", Levels,
        [
            Figure.BuiltIn(Province, "", OnlineDossier, online, rows, ratio, false),
        ]);
    }
}

public sealed class PostgreSqlSourceReadTests(PostgreSqlServer server) : ServerSourceReadTests(server)
{
    // Text and varchar share the column's collation in PostgreSQL: no parameter type can change the order.
    protected override IReadOnlyList<string> VarcharDossierIdSql =>
        ["ALTER TABLE src_dossier ALTER COLUMN dossier_id TYPE varchar(200) COLLATE \"C\""];

    protected override string? KeysSortUnlikeUnicodeSql => null;

    // timestamp holds microseconds already.
    protected override IReadOnlyList<string> FineUpdatedAtSql => [];

    protected override IReadOnlyList<string> SlowDossierIdViewSql(double secondsPerRow) =>
    [
        "ALTER TABLE src_dossier RENAME TO src_dossier_data",
        $"CREATE FUNCTION slow_id(id text) RETURNS text LANGUAGE plpgsql VOLATILE AS $$ BEGIN PERFORM pg_sleep({secondsPerRow.ToString(CultureInfo.InvariantCulture)}); RETURN id; END $$",
        "CREATE VIEW src_dossier AS SELECT slow_id(dossier_id) AS dossier_id, dossier_code, unit_id, procedure_code, channel, status, " +
        "received_at, due_at, resolved_at, fee_amount, paid_online, digitized, e_result, reused_data, updated_at FROM src_dossier_data",
    ];
}

public sealed class SqlServerSourceReadTests(SqlServerInstance server) : ServerSourceReadTests(server)
{
    private const string Collation = "SQL_Latin1_General_CP1_CI_AS";

    protected override IReadOnlyList<string> VarcharDossierIdSql =>
    [
        "DROP INDEX ix_src_dossier_updated_at ON src_dossier",
        $"ALTER TABLE src_dossier ALTER COLUMN dossier_id varchar(200) COLLATE {Collation} NOT NULL",
        "CREATE INDEX ix_src_dossier_updated_at ON src_dossier (updated_at, dossier_id)",
    ];

    // Under a SQL_* collation varchar follows the code page's sort order ('-' before letters) and nvarchar the Unicode
    // one, which all but ignores '-' (K000-C sorts as K000C, after K000B).
    protected override string? KeysSortUnlikeUnicodeSql =>
        $"SELECT CASE WHEN CAST(@a AS varchar(20)) COLLATE {Collation} < CAST(@b AS varchar(20)) COLLATE {Collation} " +
        $"AND CAST(@a AS nvarchar(20)) COLLATE {Collation} > CAST(@b AS nvarchar(20)) COLLATE {Collation} THEN 1 ELSE 0 END";

    protected override IReadOnlyList<string> FineUpdatedAtSql =>
    [
        "DROP INDEX ix_src_dossier_updated_at ON src_dossier",
        "ALTER TABLE src_dossier ALTER COLUMN updated_at datetime2(7) NOT NULL",
        "CREATE INDEX ix_src_dossier_updated_at ON src_dossier (updated_at, dossier_id)",
    ];

    // WAITFOR cannot run in a view or a function: the function waits by watching the clock.
    protected override IReadOnlyList<string> SlowDossierIdViewSql(double secondsPerRow) =>
    [
        "EXEC sp_rename 'src_dossier', 'src_dossier_data'",
        "CREATE FUNCTION dbo.slow_id(@id nvarchar(200)) RETURNS nvarchar(200) AS BEGIN " +
        $"DECLARE @until datetime2 = DATEADD(millisecond, {(int)(secondsPerRow * 1000)}, SYSDATETIME()); " +
        "WHILE SYSDATETIME() < @until SET @id = @id; RETURN @id; END",
        "CREATE VIEW src_dossier AS SELECT dbo.slow_id(dossier_id) AS dossier_id, dossier_code, unit_id, procedure_code, channel, status, " +
        "received_at, due_at, resolved_at, fee_amount, paid_online, digitized, e_result, reused_data, updated_at FROM src_dossier_data",
    ];
}
