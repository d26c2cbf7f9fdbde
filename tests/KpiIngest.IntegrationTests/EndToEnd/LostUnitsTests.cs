using System.Globalization;
using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;
using static KpiIngest.IntegrationTests.Infrastructure.Kpi;

namespace KpiIngest.IntegrationTests.EndToEnd;

/// <summary>
/// Units leaving src_unit in their thousands (a reorganisation that abolishes every commune at once): the dossiers
/// counted under them are read again and quarantined, in one statement however many units left. The statement used to
/// send one parameter per lost unit, past SQL Server's 2,100 and SQLite's 32,766.
/// </summary>
public abstract class LostUnitsTests
{
    private const string Date = "2024-04-30";

    private static readonly Dictionary<string, int> Levels = new() { ["SO-TP"] = 1 };

    protected abstract ProvinceWorkspace CreateWorkspace();

    /// <summary>How many units leave: more than the engine's limit on parameters in one statement.</summary>
    protected virtual int LostUnitCount => 2_500;

    [Fact]
    public async Task Once_ThousandsOfUnitsLeaveSrcUnit_TheirCountedDossiersAreQuarantinedAndTheRunSucceeds()
    {
        using var workspace = CreateWorkspace();
        var communes = Enumerable.Range(1, LostUnitCount).Select(i => "X-" + i.ToString("00000", CultureInfo.InvariantCulture)).ToList();
        workspace.AddUnits([new UnitRow("SO-TP", "Sở Tư pháp", 1), .. communes.Select(id => new UnitRow(id, "Xã " + id, 3))]);
        workspace.AddProcedures(new ProcedureRow("SO-TP", "P1", 4), new ProcedureRow(communes[0], "P1", 4));

        // The communes' dossiers changed days before the province's, so the second poll (its overlap ten minutes)
        // does not read them again: only the check on lost units finds them.
        workspace.AddDossiers(
            new DossierRow("D1", "SO-TP", "P1") { Channel = 2 },
            new DossierRow("D2", communes[0], "P1") { UpdatedAt = "2024-04-20 08:00:00" },
            new DossierRow("D3", communes[^1], "P1") { UpdatedAt = "2024-04-20 08:00:00" });
        (await workspace.RunAsync("once", "--date", Date)).ShouldSucceed();
        workspace.Store.CountOrZero("kpi_dossier_fact").ShouldBe(3);

        workspace.ExecuteSource("DELETE FROM src_unit WHERE unit_id <> 'SO-TP'");
        (await workspace.RunAsync("once", "--date", Date)).ShouldSucceed();

        workspace.Store.LatestRun().Status.ShouldBe("SUCCEEDED");
        workspace.Store.ActiveQuarantine().Where(q => q.Relation == "src_dossier").Select(q => q.RecordKey).ShouldBe(["D2", "D3"]);
        workspace.Store.CountOrZero("kpi_dossier_fact").ShouldBe(1);
        SnapshotAssert.ShouldMatch(workspace.Store.Snapshots(Date, Mtd), Date, Mtd, "2024-04-01", Levels,
        [
            Figure.BuiltIn(Province, "", OnlineDossier, 1, 1, 100.00m, true),
        ]);
    }
}

/// <summary>The SQLite source and store; more units than SQLite's 32,766 variables in one statement.</summary>
public sealed class SqliteLostUnitsTests : LostUnitsTests
{
    protected override ProvinceWorkspace CreateWorkspace() => new();

    protected override int LostUnitCount => 33_000;
}
