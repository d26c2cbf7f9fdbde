using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;
using static KpiIngest.IntegrationTests.Infrastructure.Kpi;

namespace KpiIngest.IntegrationTests.EndToEnd;

/// <summary>
/// indicators.md, "Scopes": which rows exist around 1 July 2025, when district governments were abolished. Same
/// units and catalog as <see cref="HandCheckedProvince"/>: district H-AN is active to 2025-06-30, commune X-B from
/// 2025-07-01.
/// </summary>
public sealed class ReorganisationScopeTests
{
    private const string Date = "2025-07-15";

    private static readonly DossierRow[] July2025 =
    [
        new("R01", "X-B", "P7") { Channel = 2, ReceivedAt = "2025-07-10 08:00:00", FeeAmount = 20000m, PaidOnline = 1, Digitized = 1 },
        new("R02", "X-A", "P6") { Channel = 1, ReceivedAt = "2025-07-02 08:00:00" },

        // Received by the district in June, resolved after it was abolished: counted in July at H-AN.
        new("R03", "H-AN", "P5")
        {
            Channel = 2, Status = 10, ReceivedAt = "2025-06-20 08:00:00", DueAt = "2025-07-05 17:00:00",
            ResolvedAt = "2025-07-03 10:00:00", EResult = 1,
        },
        new("R04", "X-A", "P7") { Channel = 1, ReceivedAt = "2025-07-15 09:00:00" },
    ];

    [Fact]
    public async Task Once_AfterDistrictAbolished_DistrictHasRowsOnlyInPeriodsWhereActiveOrCounted()
    {
        using var workspace = new ProvinceWorkspace();
        HandCheckedProvince.SeedCatalog(workspace);
        workspace.AddDossiers(July2025);

        (await workspace.RunAsync("once", "--date", Date)).ShouldSucceed();
        var rows = workspace.Store.Snapshots(Date);

        // DAY 15 July: H-AN is not active and counts nothing that day, so neither it nor level 2 has rows;
        // X-B (from 1 July) has rows although it received nothing that day.
        SnapshotAssert.ScopesShouldBe(rows, Date, Day,
            (Province, ""), (Level, "1"), (Level, "3"),
            (Unit, "SO-TP"), (Unit, "SO-YT"), (Unit, "X-A"), (Unit, "X-B"));

        // MTD July: H-AN counts R03 (resolved 3 July), so it and level 2 keep their rows.
        SnapshotAssert.ScopesShouldBe(rows, Date, Mtd,
            (Province, ""), (Level, "1"), (Level, "2"), (Level, "3"),
            (Unit, "SO-TP"), (Unit, "SO-YT"), (Unit, "H-AN"), (Unit, "X-A"), (Unit, "X-B"));

        // YTD 2025: H-AN was active January to June.
        SnapshotAssert.ScopesShouldBe(rows, Date, Ytd,
            (Province, ""), (Level, "1"), (Level, "2"), (Level, "3"),
            (Unit, "SO-TP"), (Unit, "SO-YT"), (Unit, "H-AN"), (Unit, "X-A"), (Unit, "X-B"));
    }

    [Fact]
    public async Task Once_AfterDistrictAbolished_PairsCountOnlyForUnitsActiveInThePeriod()
    {
        using var workspace = new ProvinceWorkspace();
        HandCheckedProvince.SeedCatalog(workspace);
        workspace.AddDossiers(July2025);

        (await workspace.RunAsync("once", "--date", Date)).ShouldSucceed();
        var rows = workspace.Store.Snapshots(Date);

        SnapshotAssert.ShouldMatch(rows, Date, Day, Date, HandCheckedProvince.UnitLevels,
        [
            F(Province, "", OnlineDossier, 0, 1, 0.00m, false),        // R04 in person: a real 0, not "no data"
        ]);
        SnapshotAssert.ShouldMatch(rows, Date, Mtd, "2025-07-01", HandCheckedProvince.UnitLevels,
        [
            F(Province, "", OnlineDossier, 1, 3, 33.33m, false),       // R01 of R01, R02, R04 (R03 received in June)
            F(Province, "", OnlineServiceUsed, 1, 6, 16.67m, false),   // mode 3/4 pairs of units active in July: TP-P1,P2,P4,
                                                                       // YT-P8, XA-P7, XB-P7 (not H-AN's); used XB-P7 (R01)
            F(Province, "", OnlinePaymentUsed, 1, 7, 14.29m, false),   // TP-P1,P3,P4, YT-P8, XA-P6,P7, XB-P7; used XB-P7
            F(Province, "", EResult, 1, 1, 100.00m, true),             // R03
            F(Unit, "H-AN", EResult, 1, 1, 100.00m, true),
            F(Unit, "H-AN", OnTime, 1, 1, 100.00m, null),              // 3 July <= 5 July
            F(Unit, "H-AN", OnlineDossier, 0, 0, null, null),          // nothing received in July
            F(Unit, "H-AN", OnlineServiceUsed, 0, 0, null, null),      // its pairs do not count: not active in July
            F(Level, "2", EResult, 1, 1, 100.00m, true),
            F(Unit, "X-B", OnlineServiceUsed, 1, 1, 100.00m, true),
        ]);
        SnapshotAssert.ShouldMatch(rows, Date, Ytd, "2025-01-01", HandCheckedProvince.UnitLevels,
        [
            F(Province, "", OnlineDossier, 2, 4, 50.00m, true),        // R01, R03 of R01-R04; 200 >= 50 x 4
            F(Province, "", OnlineServiceUsed, 2, 8, 25.00m, false),   // the 6 above + AN-P1, AN-P5; used XB-P7, AN-P5 (R03)
        ]);
    }

    private static Figure F(string scope, string scopeId, string indicator, long n, long d, decimal? ratio, bool? met) =>
        Figure.BuiltIn(scope, scopeId, indicator, n, d, ratio, met);
}
