using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;
using static KpiIngest.IntegrationTests.Infrastructure.Kpi;

namespace KpiIngest.IntegrationTests.EndToEnd;

/// <summary>
/// Seeds <see cref="HandCheckedProvince"/> and runs <c>once --date 2024-04-30</c> once for the class. This one reads a
/// SQLite source; a subclass names another (<see cref="CreateWorkspace"/>), or why it cannot have one here.
/// </summary>
public class HandCheckedProvinceFixture : IAsyncLifetime
{
    private ProvinceWorkspace? _workspace;
    private CliResult? _run;

    /// <summary>The seeded workspace; skips the test when the fixture's source is unavailable.</summary>
    public ProvinceWorkspace Workspace => Available(_workspace);

    /// <summary>The <c>once</c> run; skips the test when the fixture's source is unavailable.</summary>
    public CliResult Run => Available(_run);

    /// <summary>Why this fixture's source cannot be had on this machine (printed as the skip reason), or null.</summary>
    protected virtual string? UnavailableReason => null;

    public async ValueTask InitializeAsync()
    {
        if (UnavailableReason is not null)
        {
            return;
        }

        _workspace = CreateWorkspace();
        Seed(_workspace);
        _run = await _workspace.RunAsync("once", "--date", "2024-04-30");
    }

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        _workspace?.Dispose();
        return ValueTask.CompletedTask;
    }

    protected virtual ProvinceWorkspace CreateWorkspace() => new();

    /// <summary>What the source holds before the run (another province's fixture seeds its own).</summary>
    protected virtual void Seed(ProvinceWorkspace workspace) => HandCheckedProvince.Seed(workspace);

    private T Available<T>(T? value)
        where T : class
    {
        if (UnavailableReason is { } reason)
        {
            Assert.Skip(reason);
        }

        return value!;
    }
}

/// <summary>
/// Every figure here is counted by hand from the rows in <see cref="HandCheckedProvince"/> and the formulas of
/// indicators.md; the comment beside a figure names the dossiers or pairs counted. "rcv" = received in the period
/// (status not 1/3, local date of received_at in it), "res" = resolved in it (status 9/10, local resolved_at in it).
/// The same checks run against every source engine (<typeparamref name="TFixture"/> seeds it): the figures do not
/// depend on where the rows come from.
/// </summary>
public abstract class HandCheckedProvinceChecks<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : HandCheckedProvinceFixture
{
    private const string Date = "2024-04-30";

    /// <summary>
    /// MTD, 2024-04-01..2024-04-30. Built-in targets (50, 45, 80, 100, 50, 100, 100, none, none); met = 100N >= T*D.
    /// </summary>
    private static readonly Figure[] MtdApril =
    [
        // PROVINCE: sums over all units; 32 received (SO-TP 13 + H-AN 8 + X-A 11)
        F(Province, "", OnlineDossier, 15, 32, 46.88m, false),     // ch2 7+3+5; 46.875 rounds half up; 1500 < 1600
        F(Province, "", OnlinePayment, 9, 20, 45.00m, true),       // fee>0 9+4+7, paid 4+4+1; 900 >= 45*20 exactly
        F(Province, "", Digitized, 21, 32, 65.63m, false),         // 8+6+7; 65.625 -> 65.63 (away from zero, not to even)
        F(Province, "", EResult, 7, 12, 58.33m, false),            // res needing a result 4+4+4 (X07, X08 uncatalogued), e 3+2+2
        F(Province, "", DataReuse, 10, 32, 31.25m, false),         // 4+3+3
        F(Province, "", OnlineServiceUsed, 4, 7, 57.14m, false),   // pairs mode 3/4 of active units 3+1+2+1; used TP-P1,TP-P2,AN-P5,XA-P7
        F(Province, "", OnlinePaymentUsed, 2, 6, 33.33m, false),   // pairs fee&op 3+1+0+2 (X-B inactive); used TP-P1, XA-P6
        F(Province, "", OnTime, 9, 13, 69.23m, null),              // res with due 6+3+4; on time 4+2+3
        F(Province, "", FullOnlineDossier, 11, 14, 78.57m, null),  // rcv at mode-4 pairs 6+4+4; online 5+3+3

        // LEVEL 1 = SO-TP + SO-YT (SO-YT only adds the pair P8 to 6 and 7)
        F(Level, "1", OnlineDossier, 7, 13, 53.85m, true),
        F(Level, "1", OnlinePayment, 4, 9, 44.44m, false),         // 400 < 405: misses 45 by a hair
        F(Level, "1", Digitized, 8, 13, 61.54m, false),
        F(Level, "1", EResult, 3, 4, 75.00m, false),
        F(Level, "1", DataReuse, 4, 13, 30.77m, false),
        F(Level, "1", OnlineServiceUsed, 2, 4, 50.00m, false),     // TP-P1, TP-P2 of TP-P1, TP-P2, TP-P4, YT-P8
        F(Level, "1", OnlinePaymentUsed, 1, 4, 25.00m, false),     // TP-P1 of TP-P1, TP-P3, TP-P4, YT-P8
        F(Level, "1", OnTime, 4, 6, 66.67m, null),
        F(Level, "1", FullOnlineDossier, 5, 6, 83.33m, null),

        // UNIT SO-TP: rcv T01-T12, T19 = 13; res in April T01, T02, T03, T05, T06, T08, T17 (T19 resolved 1 May local)
        F(Unit, "SO-TP", OnlineDossier, 7, 13, 53.85m, true),      // T01 T02 T04 T05 T10 T11 T19; 700 >= 650
        F(Unit, "SO-TP", OnlinePayment, 4, 9, 44.44m, false),      // fee>0 T01-T04 T08 T09 T11 T12 T19; paid T01 T02 T11 T19
        F(Unit, "SO-TP", Digitized, 8, 13, 61.54m, false),         // T01 T02 T03 T05 T07 T08 T10 T11
        F(Unit, "SO-TP", EResult, 3, 4, 75.00m, false),            // P1/P3 resolved T01 T02 T03 T08 (P2 needs none); e T01 T03 T08
        F(Unit, "SO-TP", DataReuse, 4, 13, 30.77m, false),         // T01 T04 T08 T11
        F(Unit, "SO-TP", OnlineServiceUsed, 2, 3, 66.67m, false),  // P1, P2 of P1, P2, P4 (P4 only refused/new/May): 2/3
        F(Unit, "SO-TP", OnlinePaymentUsed, 1, 3, 33.33m, false),  // P1 of P1, P3, P4 (T14 refused, T15/T16 May): 1/3
        F(Unit, "SO-TP", OnTime, 4, 6, 66.67m, null),              // due: T01 ok, T02 late, T05 ok (= due), T06 late, T08 ok, T17 ok
        F(Unit, "SO-TP", FullOnlineDossier, 5, 6, 83.33m, null),   // P1 rcv T01 T02 T03 T04 T11 T19; online all but T03

        // UNIT SO-YT: active, no dossier: D = 0 everywhere except its one pair in 6 and 7
        F(Unit, "SO-YT", OnlineDossier, 0, 0, null, null),
        F(Unit, "SO-YT", OnlinePayment, 0, 0, null, null),
        F(Unit, "SO-YT", Digitized, 0, 0, null, null),
        F(Unit, "SO-YT", EResult, 0, 0, null, null),
        F(Unit, "SO-YT", DataReuse, 0, 0, null, null),
        F(Unit, "SO-YT", OnlineServiceUsed, 0, 1, 0.00m, false),   // a real zero: P8 offered, unused
        F(Unit, "SO-YT", OnlinePaymentUsed, 0, 1, 0.00m, false),
        F(Unit, "SO-YT", OnTime, 0, 0, null, null),
        F(Unit, "SO-YT", FullOnlineDossier, 0, 0, null, null),

        // LEVEL 2 = UNIT H-AN: rcv H01-H08; res H01 H02 H04 H05
        F(Level, "2", OnlineDossier, 3, 8, 37.50m, false),
        F(Level, "2", OnlinePayment, 4, 4, 100.00m, true),
        F(Level, "2", Digitized, 6, 8, 75.00m, false),
        F(Level, "2", EResult, 2, 4, 50.00m, false),
        F(Level, "2", DataReuse, 3, 8, 37.50m, false),
        F(Level, "2", OnlineServiceUsed, 1, 2, 50.00m, false),
        F(Level, "2", OnlinePaymentUsed, 0, 0, null, null),
        F(Level, "2", OnTime, 2, 3, 66.67m, null),
        F(Level, "2", FullOnlineDossier, 3, 4, 75.00m, null),
        F(Unit, "H-AN", OnlineDossier, 3, 8, 37.50m, false),       // H04 H05 H07
        F(Unit, "H-AN", OnlinePayment, 4, 4, 100.00m, true),       // fee>0 H01 H02 H03 H08, all paid (1, 1, 2, 1)
        F(Unit, "H-AN", Digitized, 6, 8, 75.00m, false),           // H01 H03 H04 H05 H07 H08; 600 < 640
        F(Unit, "H-AN", EResult, 2, 4, 50.00m, false),             // both pairs need a result; e H01 H04
        F(Unit, "H-AN", DataReuse, 3, 8, 37.50m, false),           // H01 H05 H08
        F(Unit, "H-AN", OnlineServiceUsed, 1, 2, 50.00m, false),   // P5 online (H04); P1 none online
        F(Unit, "H-AN", OnlinePaymentUsed, 0, 0, null, null),      // no pair offers online payment: no data, though H01 paid
        F(Unit, "H-AN", OnTime, 2, 3, 66.67m, null),               // due: H01 ok, H02 late, H04 ok (H05 no due)
        F(Unit, "H-AN", FullOnlineDossier, 3, 4, 75.00m, null),    // P5 rcv H04-H07; online H04 H05 H07

        // LEVEL 3 = UNIT X-A (X-B not active in 2024, no dossier: no rows): rcv X01-X11; res X01 X04 X05 X07 X08
        F(Level, "3", OnlineDossier, 5, 11, 45.45m, false),
        F(Level, "3", OnlinePayment, 1, 7, 14.29m, false),
        F(Level, "3", Digitized, 7, 11, 63.64m, false),
        F(Level, "3", EResult, 2, 4, 50.00m, false),
        F(Level, "3", DataReuse, 3, 11, 27.27m, false),
        F(Level, "3", OnlineServiceUsed, 1, 1, 100.00m, true),
        F(Level, "3", OnlinePaymentUsed, 1, 2, 50.00m, false),
        F(Level, "3", OnTime, 3, 4, 75.00m, null),
        F(Level, "3", FullOnlineDossier, 3, 4, 75.00m, null),
        F(Unit, "X-A", OnlineDossier, 5, 11, 45.45m, false),       // X04 X06 X07 X09 X11
        F(Unit, "X-A", OnlinePayment, 1, 7, 14.29m, false),        // fee>0 X02 X04 X05 X06 X07 X10 X11; paid X07
        F(Unit, "X-A", Digitized, 7, 11, 63.64m, false),           // X01 X03 X04 X06 X07 X09 X11
        F(Unit, "X-A", EResult, 2, 4, 50.00m, false),              // X04 X05 (P7) + X07 X08 (uncatalogued); X01 is P6 (none); e X04 X08
        F(Unit, "X-A", DataReuse, 3, 11, 27.27m, false),           // X01 X06 X09
        F(Unit, "X-A", OnlineServiceUsed, 1, 1, 100.00m, true),    // P7 (P6 is mode 0, P9 is no pair)
        F(Unit, "X-A", OnlinePaymentUsed, 1, 2, 50.00m, false),    // P6 used through X01 (fee 0 not consulted); P7 none paid
        F(Unit, "X-A", OnTime, 3, 4, 75.00m, null),                // due: X01 ok, X04 late by 1 s, X05 ok, X07 ok
        F(Unit, "X-A", FullOnlineDossier, 3, 4, 75.00m, null),     // P7 rcv X04 X05 X06 X11; online X04 X06 X11
    ];

    /// <summary>DAY 2024-04-30: rcv T10 (23:59:59), T11 (23:30+07:00), H06, X10, X11; res X08. Not T16 (17:30Z).</summary>
    private static readonly Figure[] DayProvinceAndXa =
    [
        F(Province, "", OnlineDossier, 3, 5, 60.00m, true),        // T10 T11 X11
        F(Province, "", OnlinePayment, 1, 3, 33.33m, false),       // fee>0 T11 X10 X11; paid T11
        F(Province, "", Digitized, 3, 5, 60.00m, false),           // T10 T11 X11
        F(Province, "", EResult, 1, 1, 100.00m, true),             // X08, uncatalogued, so it needs a result; e = 1
        F(Province, "", DataReuse, 1, 5, 20.00m, false),           // T11
        F(Province, "", OnlineServiceUsed, 3, 7, 42.86m, false),   // TP-P2 (T10), TP-P1 (T11), XA-P7 (X11) of 7 pairs
        F(Province, "", OnlinePaymentUsed, 1, 6, 16.67m, false),   // TP-P1 (T11) of 6 pairs
        F(Province, "", OnTime, 0, 0, null, null),                 // X08 has no due date
        F(Province, "", FullOnlineDossier, 2, 3, 66.67m, null),    // mode-4 rcv T11 H06 X11; online T11 X11
        F(Unit, "X-A", OnlineDossier, 1, 2, 50.00m, true),         // X11 of X10, X11: 100*1 >= 50*2, met at equality
        F(Unit, "X-A", OnlinePayment, 0, 2, 0.00m, false),
        F(Unit, "X-A", Digitized, 1, 2, 50.00m, false),
        F(Unit, "X-A", EResult, 1, 1, 100.00m, true),
        F(Unit, "X-A", DataReuse, 0, 2, 0.00m, false),
        F(Unit, "X-A", OnlineServiceUsed, 1, 1, 100.00m, true),
        F(Unit, "X-A", OnlinePaymentUsed, 0, 2, 0.00m, false),
        F(Unit, "X-A", OnTime, 0, 0, null, null),
        F(Unit, "X-A", FullOnlineDossier, 1, 1, 100.00m, null),
    ];

    /// <summary>YTD 2024-01-01..2024-04-30 = April plus T17 (received 28 March) and T18 (received, resolved in March).</summary>
    private static readonly Figure[] YtdProvinceAndSoTp =
    [
        F(Province, "", OnlineDossier, 16, 34, 47.06m, false),     // 15+T18 / 32+T17+T18
        F(Province, "", OnlinePayment, 10, 21, 47.62m, true),      // 9+T18 / 20+T18; 1000 >= 945
        F(Province, "", Digitized, 22, 34, 64.71m, false),         // 21+T18
        F(Province, "", EResult, 8, 13, 61.54m, false),            // 7+T18 / 12+T18 (T17 is P2: no result needed)
        F(Province, "", DataReuse, 10, 34, 29.41m, false),
        F(Province, "", OnlineServiceUsed, 4, 7, 57.14m, false),
        F(Province, "", OnlinePaymentUsed, 2, 6, 33.33m, false),
        F(Province, "", OnTime, 10, 14, 71.43m, null),             // 9+T18 / 13+T18
        F(Province, "", FullOnlineDossier, 12, 15, 80.00m, null),  // 11+T18 / 14+T18
        F(Unit, "SO-TP", OnlineDossier, 8, 15, 53.33m, true),      // 7+T18 / 13+T17+T18; 800 >= 750
    ];

    private ProvinceWorkspace Workspace => fixture.Workspace;

    [Fact]
    public void Once_PastDate_ExitsZeroAndRecordsSucceededRun()
    {
        fixture.Run.ShouldSucceed();
        var run = Workspace.Store.LatestRun();
        run.Kind.ShouldBe("once");
        run.Status.ShouldBe("SUCCEEDED");
        run.DossiersRead.ShouldBe(38);          // every row of src_dossier, first run
        run.DossiersQuarantined.ShouldBe(0);    // all rows keep the contract
        run.DossiersUncatalogued.ShouldBe(3);   // X07, X08, X09: (X-A, P9) is not in src_procedure
        run.SnapshotsWritten.ShouldBe(216);     // 3 periods x 8 scopes x 9 indicators
        Workspace.Store.Runs().Count.ShouldBe(1);
    }

    [Fact]
    public void Once_PastDate_MtdRowsMatchHandCountedFigures()
    {
        fixture.Run.ShouldSucceed();
        var rows = Workspace.Store.Snapshots(Date, Mtd);
        SnapshotAssert.ShouldMatch(rows, Date, Mtd, "2024-04-01", HandCheckedProvince.UnitLevels, MtdApril);
        rows.Count.ShouldBe(MtdApril.Length); // 8 scopes x 9 indicators, nothing else
    }

    [Fact]
    public void Once_PastDate_ScopesAreProvinceLevelsAndActiveUnits()
    {
        fixture.Run.ShouldSucceed();
        var rows = Workspace.Store.Snapshots(Date);

        // April 2024: SO-TP, SO-YT (active, no dossier), H-AN (district, before 2025-07-01) and X-A have rows;
        // X-B starts 2025-07-01 and has no dossier, so it has none. Levels 1, 2, 3 each have an active unit.
        (string, string)[] scopes =
        [
            (Province, ""), (Level, "1"), (Level, "2"), (Level, "3"),
            (Unit, "SO-TP"), (Unit, "SO-YT"), (Unit, "H-AN"), (Unit, "X-A"),
        ];
        foreach (var period in new[] { Day, Mtd, Ytd })
        {
            SnapshotAssert.ScopesShouldBe(rows, Date, period, scopes);
        }

        rows.Select(r => r.Period).Distinct().Order(StringComparer.Ordinal).ShouldBe([Day, Mtd, Ytd]); // QTD is off by default
        rows.ShouldAllBe(r => r.IsFinal, "30 April 2024 ended long before this run");
        rows.GroupBy(r => r.Key).ShouldAllBe(g => g.Count() == 1, "one row per key");
    }

    [Fact]
    public void Once_PastDate_DayRowsCountOnlyThatLocalDay()
    {
        fixture.Run.ShouldSucceed();
        SnapshotAssert.ShouldMatch(
            Workspace.Store.Snapshots(Date, Day), Date, Day, Date, HandCheckedProvince.UnitLevels, DayProvinceAndXa);
    }

    [Fact]
    public void Once_PastDate_YtdRowsIncludeEarlierMonths()
    {
        fixture.Run.ShouldSucceed();
        SnapshotAssert.ShouldMatch(
            Workspace.Store.Snapshots(Date, Ytd), Date, Ytd, "2024-01-01", HandCheckedProvince.UnitLevels, YtdProvinceAndSoTp);
    }

    [Fact]
    public void Once_PastDate_RatiosRoundHalfAwayFromZeroToTwoDecimals()
    {
        fixture.Run.ShouldSucceed();
        var mtd = Workspace.Store.Snapshots(Date, Mtd);
        Ratio(mtd, Unit, "SO-TP", OnlinePaymentUsed).ShouldBe(33.33m);  // 1/3 = 33.333...
        Ratio(mtd, Unit, "SO-TP", OnlineServiceUsed).ShouldBe(66.67m);  // 2/3 = 66.666...
        Ratio(mtd, Province, "", Digitized).ShouldBe(65.63m);           // 21/32 = 65.625: half away from zero, not to even
        Ratio(mtd, Province, "", OnlineDossier).ShouldBe(46.88m);       // 15/32 = 46.875
        Ratio(mtd, Unit, "SO-YT", OnlineDossier).ShouldBeNull();        // D = 0: no data, never 0 or 100
    }

    [Fact]
    public void Once_PastDate_MetComparesCountsExactly()
    {
        fixture.Run.ShouldSucceed();
        var mtd = Workspace.Store.Snapshots(Date, Mtd);
        Row(mtd, Province, "", OnlinePayment).Met.ShouldBe(true);       // 9/20: 900 >= 45 x 20, equality meets
        Row(mtd, Unit, "SO-TP", OnlinePayment).Met.ShouldBe(false);     // 4/9: 400 < 405
        Row(mtd, Unit, "SO-TP", OnTime).Met.ShouldBeNull();             // no target for ON_TIME
        Row(mtd, Unit, "H-AN", OnlinePaymentUsed).Met.ShouldBeNull();   // target 100 but D = 0
        Row(mtd, Unit, "H-AN", OnlinePaymentUsed).Target.ShouldBe(100m);
    }

    [Fact]
    public void Once_PastDate_DimensionTablesDescribeUnitsAndIndicators()
    {
        fixture.Run.ShouldSucceed();
        Workspace.Store.Units().ShouldBe(
        [
            new StoreUnitRow("H-AN", null, "Huyện An Nhơn", 2, null, "2025-06-30"),
            new StoreUnitRow("SO-TP", null, "Sở Tư pháp", 1, null, null),
            new StoreUnitRow("SO-YT", null, "Sở Y tế", 1, null, null),
            new StoreUnitRow("X-A", "H-AN", "Xã An Hòa", 3, null, null),
            new StoreUnitRow("X-B", null, "Xã Bình Mới", 3, "2025-07-01", null),
        ]);
        Workspace.Store.IndicatorCodes().ShouldBe(Indicators.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Once_WithoutConfiguredTargets_KpiTargetHoldsBuiltInSet()
    {
        fixture.Run.ShouldSucceed();

        // Assumes kpi_target also records the built-in set when it is the one loaded (store.md: "the configured sets
        // as they were last loaded"): seven default rows effective 2024-01-01, none for ON_TIME and FULL_ONLINE_DOSSIER.
        var targets = Workspace.Store.Targets();
        targets.ShouldAllBe(t => t.EffectiveFrom == "2024-01-01" && t.Level == null && t.UnitId == null);
        targets.Select(t => (t.Indicator, t.Target)).OrderBy(t => t.Indicator, StringComparer.Ordinal).ShouldBe(
            BuiltInTargets.Where(t => t.Value != null).Select(t => (t.Key, t.Value)).OrderBy(t => t.Key, StringComparer.Ordinal));
    }

    private static Figure F(string scope, string scopeId, string indicator, long n, long d, decimal? ratio, bool? met) =>
        Figure.BuiltIn(scope, scopeId, indicator, n, d, ratio, met);

    private static StoredSnapshotRow Row(IReadOnlyList<StoredSnapshotRow> rows, string scope, string scopeId, string indicator) =>
        rows.Single(r => r.Scope == scope && r.ScopeId == scopeId && r.Indicator == indicator);

    private static decimal? Ratio(IReadOnlyList<StoredSnapshotRow> rows, string scope, string scopeId, string indicator) =>
        Row(rows, scope, scopeId, indicator).Ratio;
}

/// <summary>The hand-checked province read from a SQLite source.</summary>
public sealed class HandCheckedProvinceTests(HandCheckedProvinceFixture fixture) : HandCheckedProvinceChecks<HandCheckedProvinceFixture>(fixture);
