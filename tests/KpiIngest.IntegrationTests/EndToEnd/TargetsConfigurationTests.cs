using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;
using static KpiIngest.IntegrationTests.Infrastructure.Kpi;

namespace KpiIngest.IntegrationTests.EndToEnd;

/// <summary>
/// indicators.md, "Targets": configured sets replace the built-in one; the set in force on the snapshot date applies
/// to all its periods; a set is complete in itself; unit override, else level override, else the set's default, and
/// PROVINCE uses the default.
/// Province: SO-TP (level 1), X-A and X-C (level 3), each with one fully online pair P7/P1; five dossiers each,
/// all received 10 April 2024:
/// <code>
///          online  digitized
/// SO-TP    2 of 5  4 of 5
/// X-A      4 of 5  3 of 5
/// X-C      3 of 5  5 of 5
/// </code>
/// </summary>
public sealed class TargetsConfigurationTests
{
    private const string Date = "2024-04-30";

    private static readonly Dictionary<string, int> Levels = new() { ["SO-TP"] = 1, ["X-A"] = 3, ["X-C"] = 3 };

    private const string OneSetWithOverrides =
        """
        { "Targets": { "Sets": [ {
            "EffectiveFrom": "2024-01-01",
            "Source": "Test set",
            "Default": { "ONLINE_DOSSIER": 40, "DIGITIZED": 70 },
            "Levels": [ { "Level": 3, "Targets": { "ONLINE_DOSSIER": 60 } } ],
            "Units": [ { "UnitId": "X-A", "Targets": { "ONLINE_DOSSIER": 90 } } ] } ] } }
        """;

    private const string TwoSets =
        """
        { "Targets": { "Sets": [
            { "EffectiveFrom": "2024-01-01", "Source": "Set A", "Default": { "ONLINE_DOSSIER": 40, "DIGITIZED": 70 } },
            { "EffectiveFrom": "2024-04-15", "Source": "Set B", "Default": { "ONLINE_DOSSIER": 55 } } ] } }
        """;

    [Fact]
    public async Task Once_SetWithLevelAndUnitOverrides_EachScopeCarriesItsTarget()
    {
        using var workspace = CreateProvince();
        workspace.Configure(OneSetWithOverrides);

        (await workspace.RunAsync("once", "--date", Date)).ShouldSucceed();

        var mtd = workspace.Store.Snapshots(Date, Mtd);
        SnapshotAssert.ShouldMatch(mtd, Date, Mtd, "2024-04-01", Levels,
        [
            //     scope     id       indicator      N   D   ratio    target met
            new(Province, "", OnlineDossier, 9, 15, 60.00m, 40m, true),     // default; 900 >= 600
            new(Level, "1", OnlineDossier, 2, 5, 40.00m, 40m, true),        // no level-1 override: default; 200 >= 200
            new(Level, "3", OnlineDossier, 7, 10, 70.00m, 60m, true),       // level-3 override; 700 >= 600
            new(Unit, "SO-TP", OnlineDossier, 2, 5, 40.00m, 40m, true),     // default
            new(Unit, "X-A", OnlineDossier, 4, 5, 80.00m, 90m, false),      // unit override; 400 < 450
            new(Unit, "X-C", OnlineDossier, 3, 5, 60.00m, 60m, true),       // level-3 override; 300 >= 300
            new(Province, "", Digitized, 12, 15, 80.00m, 70m, true),        // no overrides for DIGITIZED: 70 everywhere
            new(Level, "1", Digitized, 4, 5, 80.00m, 70m, true),
            new(Level, "3", Digitized, 8, 10, 80.00m, 70m, true),
            new(Unit, "SO-TP", Digitized, 4, 5, 80.00m, 70m, true),
            new(Unit, "X-A", Digitized, 3, 5, 60.00m, 70m, false),          // 300 < 350
            new(Unit, "X-C", Digitized, 5, 5, 100.00m, 70m, true),
        ]);

        // The set names two indicators; the other seven have no target and so no met, whatever the built-in set says.
        mtd.Where(r => r.Indicator is not (OnlineDossier or Digitized))
            .ShouldAllBe(r => r.Target == null && r.Met == null);

        workspace.Store.Targets().ShouldBe(
        [
            new TargetRow("2024-01-01", "Test set", Digitized, null, null, 70m),
            new TargetRow("2024-01-01", "Test set", OnlineDossier, null, null, 40m),
            new TargetRow("2024-01-01", "Test set", OnlineDossier, 3, null, 60m),
            new TargetRow("2024-01-01", "Test set", OnlineDossier, null, "X-A", 90m),
        ], ignoreOrder: true);
    }

    [Fact]
    public async Task Once_TwoSets_SetInForceOnSnapshotDateAppliesToEveryPeriod()
    {
        using var workspace = CreateProvince();
        workspace.Configure(TwoSets);

        (await workspace.RunAsync("once", "--date", "2024-04-30")).ShouldSucceed();
        (await workspace.RunAsync("once", "--date", "2024-04-14")).ShouldSucceed();

        // 30 April: set B (from 15 April) is in force for DAY, MTD and YTD alike, although MTD and YTD start before
        // it; B names no DIGITIZED target, so there is none.
        var late = workspace.Store.Snapshots("2024-04-30");
        SnapshotAssert.ShouldMatch(late, "2024-04-30", Mtd, "2024-04-01", Levels,
        [
            new(Province, "", OnlineDossier, 9, 15, 60.00m, 55m, true),     // 900 >= 825
            new(Province, "", Digitized, 12, 15, 80.00m, null, null),
        ]);
        SnapshotAssert.ShouldMatch(late, "2024-04-30", Ytd, "2024-01-01", Levels,
        [
            new(Province, "", OnlineDossier, 9, 15, 60.00m, 55m, true),
        ]);
        SnapshotAssert.ShouldMatch(late, "2024-04-30", Day, "2024-04-30", Levels,
        [
            new(Province, "", OnlineDossier, 0, 0, null, 55m, null),        // no data, target still shown
        ]);

        // 14 April: set A is in force.
        var early = workspace.Store.Snapshots("2024-04-14");
        SnapshotAssert.ShouldMatch(early, "2024-04-14", Mtd, "2024-04-01", Levels,
        [
            new(Province, "", OnlineDossier, 9, 15, 60.00m, 40m, true),
            new(Province, "", Digitized, 12, 15, 80.00m, 70m, true),        // 1200 >= 1050
        ]);
        SnapshotAssert.ShouldMatch(early, "2024-04-14", Day, "2024-04-14", Levels,
        [
            new(Province, "", OnlineDossier, 0, 0, null, 40m, null),
        ]);
    }

    private static ProvinceWorkspace CreateProvince()
    {
        var workspace = new ProvinceWorkspace();
        workspace.AddUnits(
            new UnitRow("SO-TP", "Sở Tư pháp", 1),
            new UnitRow("X-A", "Xã An Hòa", 3),
            new UnitRow("X-C", "Xã Cát Tiến", 3));
        workspace.AddProcedures(
            new ProcedureRow("SO-TP", "P1", 4) { HasFee = 1, OnlinePayment = 1 },
            new ProcedureRow("X-A", "P7", 4) { HasFee = 1, OnlinePayment = 1 },
            new ProcedureRow("X-C", "P7", 4) { HasFee = 1, OnlinePayment = 1 });
        workspace.AddDossiers(Dossiers("SO-TP", "P1", "S", online: 2, digitized: 4));
        workspace.AddDossiers(Dossiers("X-A", "P7", "A", online: 4, digitized: 3));
        workspace.AddDossiers(Dossiers("X-C", "P7", "C", online: 3, digitized: 5));
        return workspace;
    }

    /// <summary>Five dossiers received 10 April 2024: the first <paramref name="online"/> online, the first <paramref name="digitized"/> digitized.</summary>
    private static IEnumerable<DossierRow> Dossiers(string unit, string procedure, string prefix, int online, int digitized) =>
        Enumerable.Range(1, 5).Select(i => new DossierRow($"{prefix}{i}", unit, procedure)
        {
            Channel = i <= online ? 2 : 1,
            Digitized = i <= digitized ? 1 : 0,
            ReceivedAt = $"2024-04-10 0{i}:00:00",
        });
}
