using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;
using static KpiIngest.IntegrationTests.Infrastructure.Kpi;

namespace KpiIngest.IntegrationTests.EndToEnd;

/// <summary>
/// README, "Bad rows": a key that starts or ends with whitespace is quarantined with its reason on every engine. SQL
/// Server ignores trailing spaces when it compares text, so 'A' and 'A ' would be one key in a SQL Server store and
/// the page holding both failed on every run; here the spaced copies are quarantined and the rest ingested, whichever
/// engine holds the source and the store (the subclasses).
/// </summary>
public abstract class KeyWhitespaceQuarantineTests
{
    private const string Date = "2024-04-30";

    private static readonly Dictionary<string, int> Levels = new() { ["SO-TP"] = 1 };

    /// <summary>A workspace with this engine's source (dossier_id without a key constraint, so 'A' and 'A ' both fit).</summary>
    protected abstract ProvinceWorkspace CreateWorkspace(SourceShape shape);

    [Fact]
    public async Task Once_KeysWithSurroundingWhitespace_QuarantinedWithReasonAndTheRestIngested()
    {
        using var workspace = CreateWorkspace(new SourceShape { DossierIdIsPrimaryKey = false });
        workspace.AddUnits(new UnitRow("SO-TP", "Sở Tư pháp", 1), new UnitRow("X-A ", "Xã A có dấu cách", 3));
        workspace.AddProcedures(new ProcedureRow("SO-TP", "P1", 4), new ProcedureRow("SO-TP", "P2 ", 3));
        workspace.AddDossiers(
            new DossierRow("A", "SO-TP", "P1") { Channel = 2 },
            new DossierRow("A ", "SO-TP", "P1"),
            new DossierRow(" B", "SO-TP", "P1"),
            new DossierRow("C", "SO-TP ", "P1"),
            new DossierRow("D", "SO-TP", "P1 "),
            new DossierRow("E", "SO-TP", "P1"));

        (await workspace.RunAsync("once", "--date", Date)).ShouldSucceed();

        // A second run reads the same rows again: what used to fail every run on SQL Server must keep succeeding.
        (await workspace.RunAsync("once", "--date", Date)).ShouldSucceed();

        var run = workspace.Store.LatestRun();
        run.Status.ShouldBe("SUCCEEDED");
        var active = workspace.Store.ActiveQuarantine();
        ReasonsOf(active, "src_unit").ShouldBe(new Dictionary<string, string>
        {
            ["X-A "] = "unit_id has trailing whitespace: SQL Server would treat it as equal to the key without it",
        });
        ReasonsOf(active, "src_procedure").ShouldBe(new Dictionary<string, string>
        {
            ["SO-TP|P2 "] = "procedure_code has trailing whitespace: SQL Server would treat it as equal to the key without it",
        });
        ReasonsOf(active, "src_dossier").ShouldBe(new Dictionary<string, string>
        {
            [" B"] = "dossier_id has leading whitespace: a key must not start or end with spaces",
            ["A "] = "dossier_id has trailing whitespace: SQL Server would treat it as equal to the key without it",
            ["C"] = "unit_id has trailing whitespace: SQL Server would treat it as equal to the key without it",
            ["D"] = "procedure_code has trailing whitespace: SQL Server would treat it as equal to the key without it",
        });

        workspace.Store.Units().Select(u => u.UnitId).ShouldBe(["SO-TP"]);
        workspace.Store.CountOrZero("kpi_dossier_fact").ShouldBe(2);

        // A (online) and E (in person) only.
        SnapshotAssert.ShouldMatch(workspace.Store.Snapshots(Date, Mtd), Date, Mtd, "2024-04-01", Levels,
        [
            Figure.BuiltIn(Province, "", OnlineDossier, 1, 2, 50.00m, true),
        ]);
    }

    private static Dictionary<string, string> ReasonsOf(IEnumerable<QuarantineRow> rows, string relation) =>
        rows.Where(q => q.Relation == relation).ToDictionary(q => q.RecordKey, q => q.Reason, StringComparer.Ordinal);
}

/// <summary>The SQLite source and store, the embedded default.</summary>
public sealed class SqliteKeyWhitespaceQuarantineTests : KeyWhitespaceQuarantineTests
{
    protected override ProvinceWorkspace CreateWorkspace(SourceShape shape) => new(shape);
}
