using System.Data.Common;
using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;
using static KpiIngest.IntegrationTests.Infrastructure.Kpi;

namespace KpiIngest.IntegrationTests.Providers;

/// <summary>
/// The real CLI reading a server source (the store is SQLite): check-source verdicts, the least-privileged login of
/// deploy/sql, a column of an unusable type, pages through many rows with one updated_at, and reconciliation's key
/// merge under the database's own collation.
/// </summary>
public abstract class ServerSourceTests(DatabaseServer server)
{
    private const string Date = "2024-04-30";

    [Fact]
    public async Task CheckSource_DossierColumnMissing_ExitsOneNamingRelationAndColumn()
    {
        using var workspace = SmallProvince(ServerWorkspaces.ContractTables(server, TimestampColumns.LocalTime,
            new SourceShape { MissingDossierColumns = ["reused_data"] }));

        var result = (await workspace.RunAsync("check-source")).ShouldExitWith(1);

        result.Output.ShouldContain("src_dossier", Case.Insensitive, result.Describe());
        result.Output.ShouldContain("reused_data", Case.Insensitive, result.Describe());
    }

    [Fact]
    public async Task CheckSource_ReferenceSchemaReadByLeastPrivilegedLogin_ExitsZeroAndThatLoginCannotReadTables()
    {
        using var workspace = SmallProvince(ServerWorkspaces.ReferenceSchema(server));

        var result = (await workspace.RunAsync("check-source")).ShouldSucceed();

        result.Output.ShouldContain("src_unit: all 6 contract columns present", Case.Sensitive, result.Describe());
        result.Output.ShouldContain("src_procedure: all 7 contract columns present", Case.Sensitive, result.Describe());
        result.Output.ShouldContain("src_dossier: all 15 contract columns present", Case.Sensitive, result.Describe());
        result.Output.ShouldContain("src_dossier: 6 rows, 0 would be quarantined", Case.Sensitive, result.Describe());

        // deploy/sql/*/least-privilege.sql: SELECT on the three views, nothing on the vendor tables behind them.
        using var connection = server.Engine.Open(workspace.Source.ConnectionString);
        server.Engine.Scalar<long>(connection, "SELECT COUNT(*) FROM src_dossier").ShouldBe(6);
        foreach (var table in new[] { "dm_don_vi", "dm_thu_tuc", "dm_don_vi_thu_tuc", "ho_so", "ho_so_le_phi" })
        {
            Should.Throw<DbException>(() => server.Engine.Scalar<long>(connection, $"SELECT COUNT(*) FROM {table}"), $"{table} must be out of reach");
        }
    }

    [Fact]
    public async Task Once_UpdatedAtIsText_ExitsOneRecordsFailedRunNamingColumnAndWritesNoFigure()
    {
        using var workspace = SmallProvince(ServerWorkspaces.ContractTables(server, TimestampColumns.LocalTime,
            new SourceShape { MissingDossierColumns = ["updated_at"] }));
        workspace.ExecuteSource($"ALTER TABLE src_dossier ADD updated_at {server.Engine.TextType} NULL");

        (await workspace.RunAsync("once", "--date", Date)).ShouldExitWith(1);

        var run = workspace.Store.LatestRun();
        run.Status.ShouldBe("FAILED");
        run.Error.ShouldNotBeNull().ShouldContain("src_dossier.updated_at");
        workspace.Store.CountOrZero("kpi_snapshot").ShouldBe(0);
    }

    [Fact]
    public async Task Once_ManyRowsShareOneFractionalUpdatedAt_EachIsReadOnceAcrossPages()
    {
        using var workspace = ServerWorkspaces.ContractTables(server, TimestampColumns.LocalTime);
        workspace.Configure("""{ "Source": { "BatchSize": 100 } }""");
        workspace.AddUnits(new UnitRow("SO-TP", "Sở Tư pháp", 1));
        workspace.AddProcedures(new ProcedureRow("SO-TP", "P1", 4) { HasFee = 1, OnlinePayment = 1 });

        // 250 rows, one updated_at, a fraction SQL Server's datetime holds only as itself: pages of 100 end inside it.
        workspace.AddDossiers(Enumerable.Range(1, 250).Select(i => new DossierRow($"D{i:000}", "SO-TP", "P1")
        {
            Channel = i % 5 == 0 ? 2 : 1, UpdatedAt = "2024-05-01 08:00:00.007",
        }));

        (await workspace.RunAsync("once", "--date", Date)).ShouldSucceed();

        var run = workspace.Store.LatestRun();
        run.DossiersRead.ShouldBe(250);
        run.DossiersQuarantined.ShouldBe(0); // a row read twice in one page would be a duplicate
        SnapshotAssert.ShouldMatch(workspace.Store.Snapshots(Date, Mtd), Date, Mtd, "2024-04-01", Levels,
        [
            Figure.BuiltIn(Province, "", OnlineDossier, 50, 250, 20.00m, false),
        ]);
    }

    [Fact]
    public async Task Reconcile_IdsTheCollationSortsUnlikeOrdinal_ReadsOnlyTheDeletedKey()
    {
        string[] ids = ["a10", "A2", "b1", "B0", "Đ1", "D2", "e"];
        using var workspace = ServerWorkspaces.ContractTables(server, TimestampColumns.LocalTime);
        workspace.AddUnits(new UnitRow("SO-TP", "Sở Tư pháp", 1));
        workspace.AddProcedures(new ProcedureRow("SO-TP", "P1", 4));

        // Days apart, so a poll re-reads only the newest row (e): the overlap is ten minutes.
        workspace.AddDossiers(ids.Select((id, i) => new DossierRow(id, "SO-TP", "P1")
        {
            UpdatedAt = ProvinceClock.NowPlus(TimeSpan.FromDays(i - ids.Length - 1)),
        }));
        List<string> collated;
        using (var connection = server.Engine.Open(workspace.Source.ConnectionString))
        {
            collated = ServerEngine.Strings(connection, "SELECT dossier_id FROM src_dossier ORDER BY dossier_id");
        }

        if (collated.SequenceEqual(ids.Order(StringComparer.Ordinal)))
        {
            Assert.Skip("The test database collates text in ordinal order, so the key order the test guards cannot differ here.");
        }

        (await workspace.RunAsync("once", "--date", Date)).ShouldSucceed();
        workspace.Store.LatestRun().DossiersRead.ShouldBe(7);
        workspace.DeleteDossier("A2");

        (await workspace.RunAsync("reconcile")).ShouldSucceed();

        // The poll re-reads e; the merge finds A2 gone and reads it by key (no row). Keys streamed in the database's
        // collation (a10 A2 B0 b1 D2 Đ1 e) would look out of order to the ordinal merge: B0, D2, e read again.
        var reconcile = workspace.Store.LatestRun();
        reconcile.Kind.ShouldBe("reconcile");
        reconcile.DossiersRead.ShouldBe(1);
        (await workspace.RunAsync("once", "--date", Date)).ShouldSucceed();
        SnapshotAssert.ShouldMatch(workspace.Store.Snapshots(Date, Mtd), Date, Mtd, "2024-04-01", Levels,
        [
            Figure.BuiltIn(Province, "", OnlineDossier, 0, 6, 0.00m, false),
        ]);
    }

    private static readonly Dictionary<string, int> Levels = new() { ["SO-TP"] = 1 };

    /// <summary>SO-TP with P1 and P2 and six dossiers received in April 2024, R1 online (as ReportAndCheckSourceTests).</summary>
    private static ProvinceWorkspace SmallProvince(ProvinceWorkspace workspace) => SmallProvinces.FillApril2024(workspace);
}

public sealed class PostgreSqlSourceTests(PostgreSqlServer server) : ServerSourceTests(server);

public sealed class SqlServerSourceTests(SqlServerInstance server) : ServerSourceTests(server);
