using System.Globalization;
using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Providers;

/// <summary>
/// docs/deployment.md: a BI reader of the store sees the previous snapshot while the day's snapshot is being written,
/// neither blocking the write nor blocked by it. PostgreSQL does this by itself; SQL Server does once the store
/// database has READ_COMMITTED_SNAPSHOT ON, the statement the docs give.
/// </summary>
public abstract class StoreReaderIsolationTests(DatabaseServer server)
{
    private const string Date = "2024-04-30";

    /// <summary>What the docs tell the DBA to run on the store database, if anything.</summary>
    protected abstract IReadOnlyList<string> ReaderIsolationSql(string database);

    [Fact]
    public async Task Read_WhileTheDaysSnapshotIsRewrittenInAnOpenTransaction_SeesThePreviousSnapshotWithoutWaiting()
    {
        using var workspace = new ProvinceWorkspace().UseServerStore(server);
        var database = workspace.ServerStoreDatabase!;
        foreach (var statement in ReaderIsolationSql(database.Name))
        {
            database.ExecuteScript(statement);
        }

        workspace.AddUnits(new UnitRow("SO-TP", "Sở Tư pháp", 1));
        workspace.AddProcedures(new ProcedureRow("SO-TP", "P1", 4));
        workspace.AddDossiers(new DossierRow("R1", "SO-TP", "P1") { Channel = 2 }, new DossierRow("R2", "SO-TP", "P1"));
        (await workspace.RunAsync("once", "--date", Date)).ShouldSucceed();
        var published = workspace.Store.CountOrZero("kpi_snapshot");
        published.ShouldBeGreaterThan(0);

        // The snapshot step of the next run: the day's rows deleted, not yet written again, not committed.
        using var writer = database.OpenAdmin();
        using var transaction = writer.BeginTransaction();
        server.Engine.Execute(writer, transaction, "DELETE FROM kpi.kpi_snapshot WHERE snapshot_date = @date",
            [("@date", DateOnly.ParseExact(Date, "yyyy-MM-dd", CultureInfo.InvariantCulture))]);

        // Blocked behind the writer's locks, the read would wait for them and time out instead.
        using var reader = database.OpenAdmin();
        using var read = reader.CreateCommand();
        read.CommandText = "SELECT COUNT(*) FROM kpi.kpi_snapshot";
        read.CommandTimeout = 5;
        Convert.ToInt64(read.ExecuteScalar(), CultureInfo.InvariantCulture).ShouldBe(published);

        transaction.Rollback();
    }
}

public sealed class PostgreSqlStoreReaderIsolationTests(PostgreSqlServer server) : StoreReaderIsolationTests(server)
{
    protected override IReadOnlyList<string> ReaderIsolationSql(string database) => [];
}

public sealed class SqlServerStoreReaderIsolationTests(SqlServerInstance server) : StoreReaderIsolationTests(server)
{
    protected override IReadOnlyList<string> ReaderIsolationSql(string database) =>
        [$"ALTER DATABASE {server.Engine.Quote(database)} SET READ_COMMITTED_SNAPSHOT ON WITH ROLLBACK IMMEDIATE"];
}
