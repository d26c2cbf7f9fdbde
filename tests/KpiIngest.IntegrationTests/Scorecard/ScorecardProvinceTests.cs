using KpiIngest.IntegrationTests.EndToEnd;
using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Scorecard;

/// <summary>Seeds <see cref="ScorecardProvince"/> and runs <c>once --date 2024-04-30</c> once for the class.</summary>
public class ScorecardProvinceFixture : HandCheckedProvinceFixture
{
    protected override void Seed(ProvinceWorkspace workspace) => ScorecardProvince.Seed(workspace);
}

/// <summary>The store on PostgreSQL (the source stays SQLite).</summary>
public sealed class PostgreSqlStoreScorecardProvinceFixture(PostgreSqlServer server) : ScorecardProvinceFixture
{
    protected override string? UnavailableReason => server.UnavailableReason;

    protected override ProvinceWorkspace CreateWorkspace() => new ProvinceWorkspace().UseServerStore(server);
}

/// <summary>
/// scorecard.md on <see cref="ScorecardProvince"/>, MTD 1-30 April 2024, every item, group and total counted by hand.
/// R = received in April (status not 1/3): SO-A A1-A6 (6), X-B B1-B4 (4), X-C C1-C2 (2). Overdue at S (due time
/// before 1 May 00:00 and not resolved by it): A2, A4, B3, B4. Points are the spec's fractions, rounded once.
/// </summary>
public abstract class ScorecardProvinceChecks<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : ScorecardProvinceFixture
{
    private const string Exact = "EXACT", Provisional = "PROVISIONAL", Proxy = "PROXY", Entered = "ENTERED", Missing = "MISSING";

    /// <summary>The items whose inputs are the contract's own columns and the catalog's: right whatever the optional columns.</summary>
    private static readonly HashSet<string> ContractItems = new(StringComparer.Ordinal)
    {
        "PUBLISH_ON_TIME", "PUBLIC_UPDATE_ON_TIME", "PUBLIC_CONTENT_FULL", "PETITION_ON_TIME", "PETITION_SATISFACTION",
        "ONLINE_SERVICE_OFFERED", "ONLINE_SERVICE_USED", "ONLINE_SUBMISSION", "PAYMENT_DOSSIERS", "PAYMENT_PROCEDURES",
        "PAYMENT_FEE_DATA", "REUSED_DATA", "CERTIFIED_COPY", "G3", "G4",
    };

    /// <summary>UNIT SO-A, and LEVEL 1 (its only unit): |R| = 6; pairs P1, P2, P3; overdue A2 (complaint), A4.</summary>
    private static readonly Expected[] SoA =
    [
        E("PUBLISH_ON_TIME", 5.5m), E("PUBLIC_UPDATE_ON_TIME", 4m), E("PUBLIC_CONTENT_FULL", 2m),
        I("DOSSIER_SYNC", 4, 6, 66.67m, 4.00m, Exact),             // A1 A2 A4 A5 (A3 0, A6 null): 6·4/6
        I("PROGRESS_ON_TIME", 4, 6, 66.67m, 13.33m, Exact),        // 6 − 2 overdue; 20·4/6 = 13.333…
        I("ONLINE_SERVICE_OFFERED", 2, 3, 66.67m, 1.67m, Provisional), // P1 (4), P2 (3) of 3: min(2, 5·2/6)
        I("ONLINE_SERVICE_USED", 1, 2, 50.00m, 2.00m, Provisional), // indicator 6: P1 used online (A1, A2), P2 not (A3)
        I("ONLINE_SUBMISSION", 3, 6, 50.00m, 6.00m, Provisional),  // A1 A2 A5: min(6, 12·3/6)
        I("PAYMENT_DOSSIERS", 3, 4, 75.00m, 4.50m, Exact),         // indicator 2: fee A1 A2 A4 A5, paid A1 A2 A5: 6·3/4
        I("PAYMENT_PROCEDURES", 2, 2, 100.00m, 2.00m, Exact),      // fee pairs P1 (paid A1), P3 (paid A5): min(2, 2.5)
        I("PAYMENT_FEE_DATA", 2, 2, 100.00m, 2.00m, Provisional),  // P1 and P3 both have a dossier with a fee
        E("PETITION_ON_TIME", 6m), M("PETITION_SATISFACTION"),
        I("RECEIVING_SATISFACTION", 3, 6, 50.00m, 3.33m, Exact),   // on time A1 A3 A5 A6, less A5 (complaint): 20·3/18
        I("E_RESULT_AVAILABLE", 2, 6, 33.33m, 2.00m, Exact),       // A1 A6: 6·2/6
        I("DIGITIZED_DOSSIERS", 3, 6, 50.00m, 2.00m, Exact),       // A1 (e), A3 (P2 needs no result), A6 (e; no pair): 4·3/6
        I("REUSED_DATA", 2, 6, 33.33m, 0.83m, Exact),              // A1 A3: min(2, 5·2/12) = 0.833…
        I("PERSONAL_STORAGE", 2, 6, 33.33m, 1.33m, Exact),         // A1 A5: 4·2/6
        I("CITIZEN_DATA_DOSSIERS", 2, 6, 33.33m, 0.67m, Exact),    // A1 A2 (A5 null): 2·2/6
        I("CITIZEN_DATA_PROCEDURES", 1, 2, 50.00m, 1.00m, Exact),  // citizen pairs P1 (used: A1), P3 (not): 2·1/2
        P("CERTIFIED_COPY", 2.00m),
        G("G1", 15.50m, 18), G("G2", 13.33m, 20), G("G3", 9.67m, 12), G("G4", 8.50m, 10), G("G5", 9.33m, 12),
        G("G6", 9.83m, 22),                                        // 2 + 2 + 0.83 + 1.33 + 0.67 + 1 + 2
        G("TOTAL", 66.16m, 94),                                    // 15.5 + 13.33 + 9.67 + 8.5 + 9.33 + 9.83
    ];

    private static readonly Expected[] MtdApril =
    [
        .. Scope("UNIT", "SO-A", SoA),
        .. Scope("LEVEL", "1", SoA),

        // ---- UNIT X-B: |R| = 4 (B4 withdrawn counts); pairs P4, P5; overdue B3 (complaint), B4 ----
        .. Scope("UNIT", "X-B",
        [
            E("PUBLISH_ON_TIME", 5.5m), E("PUBLIC_UPDATE_ON_TIME", 4m), E("PUBLIC_CONTENT_FULL", 2m),
            I("DOSSIER_SYNC", 2, 4, 50.00m, 3.00m, Exact),             // B1 B2
            I("PROGRESS_ON_TIME", 2, 4, 50.00m, 10.00m, Exact),        // 4 − 2
            I("ONLINE_SERVICE_OFFERED", 1, 2, 50.00m, 1.25m, Provisional), // P4: 5·1/4
            I("ONLINE_SERVICE_USED", 1, 1, 100.00m, 4.00m, Provisional),   // P4 used (B1 B2)
            I("ONLINE_SUBMISSION", 2, 4, 50.00m, 6.00m, Provisional),  // B1 B2
            I("PAYMENT_DOSSIERS", 1, 2, 50.00m, 3.00m, Exact),         // fee B1 B2, paid B1
            I("PAYMENT_PROCEDURES", 1, 1, 100.00m, 2.00m, Exact),      // P4
            I("PAYMENT_FEE_DATA", 1, 1, 100.00m, 2.00m, Provisional),
            E("PETITION_ON_TIME", 6m), M("PETITION_SATISFACTION"),
            I("RECEIVING_SATISFACTION", 2, 4, 50.00m, 3.33m, Exact),   // on time B1 B2, no complaint: 20·2/12
            I("E_RESULT_AVAILABLE", 2, 4, 50.00m, 3.00m, Exact),       // B1 B2
            I("DIGITIZED_DOSSIERS", 3, 4, 75.00m, 3.00m, Exact),       // B1 B2 (e), B3 (P5 needs no result)
            I("REUSED_DATA", 1, 4, 25.00m, 0.63m, Exact),              // B1: 2.5/4 = 0.625, half away from zero
            I("PERSONAL_STORAGE", 1, 4, 25.00m, 1.00m, Exact),         // B2
            I("CITIZEN_DATA_DOSSIERS", 1, 4, 25.00m, 0.50m, Exact),    // B1
            I("CITIZEN_DATA_PROCEDURES", 1, 1, 100.00m, 2.00m, Exact), // P4 used (B1)
            P("CERTIFIED_COPY", 2.00m),
            G("G1", 14.50m, 18), G("G2", 10.00m, 20), G("G3", 11.25m, 12), G("G4", 7.00m, 10), G("G5", 9.33m, 12),
            G("G6", 12.13m, 22),                                       // 3 + 3 + 0.63 + 1 + 0.5 + 2 + 2
            G("TOTAL", 64.21m, 94),
        ]),

        // ---- UNIT X-C: |R| = 2; pair P4 (mode 3, no fee, citizen); nothing overdue ----
        .. Scope("UNIT", "X-C",
        [
            E("PUBLISH_ON_TIME", 5.5m), E("PUBLIC_UPDATE_ON_TIME", 4m), E("PUBLIC_CONTENT_FULL", 2m),
            I("DOSSIER_SYNC", 2, 2, 100.00m, 6.00m, Exact),
            I("PROGRESS_ON_TIME", 2, 2, 100.00m, 20.00m, Exact),       // C1 not yet due, C2 without a due time
            I("ONLINE_SERVICE_OFFERED", 1, 1, 100.00m, 2.00m, Provisional),
            I("ONLINE_SERVICE_USED", 1, 1, 100.00m, 4.00m, Provisional),   // C1 online
            I("ONLINE_SUBMISSION", 1, 2, 50.00m, 6.00m, Provisional),
            I("PAYMENT_DOSSIERS", 0, 0, null, 0.00m, Exact),           // no fee: D = 0 scores 0, ratio null
            I("PAYMENT_PROCEDURES", 0, 0, null, 0.00m, Exact),
            I("PAYMENT_FEE_DATA", 0, 0, null, 0.00m, Provisional),
            E("PETITION_ON_TIME", 6m), M("PETITION_SATISFACTION"),
            I("RECEIVING_SATISFACTION", 1, 2, 50.00m, 3.33m, Exact),   // C2 complained: 20·1/6
            I("E_RESULT_AVAILABLE", 1, 2, 50.00m, 3.00m, Exact),       // C2
            I("DIGITIZED_DOSSIERS", 0, 2, 0.00m, 0.00m, Exact),        // C1 digitized, no e-result, P4 needs one
            I("REUSED_DATA", 1, 2, 50.00m, 1.25m, Exact),              // C1: 2.5·1/2
            I("PERSONAL_STORAGE", 0, 2, 0.00m, 0.00m, Exact),
            I("CITIZEN_DATA_DOSSIERS", 1, 2, 50.00m, 1.00m, Exact),    // C1
            I("CITIZEN_DATA_PROCEDURES", 1, 1, 100.00m, 2.00m, Exact),
            P("CERTIFIED_COPY", 2.00m),
            G("G1", 17.50m, 18), G("G2", 20.00m, 20), G("G3", 12.00m, 12), G("G4", 0.00m, 10), G("G5", 9.33m, 12),
            G("G6", 9.25m, 22),                                        // 3 + 0 + 1.25 + 0 + 1 + 2 + 2
            G("TOTAL", 68.08m, 94),
        ]),

        // ---- LEVEL 3 = X-B + X-C, a ratio of sums: |R| = 6, 3 pairs, overdue 2 (1 with a complaint) ----
        .. Scope("LEVEL", "3",
        [
            E("PUBLISH_ON_TIME", 5.5m), E("PUBLIC_UPDATE_ON_TIME", 4m), E("PUBLIC_CONTENT_FULL", 2m),
            I("DOSSIER_SYNC", 4, 6, 66.67m, 4.00m, Exact),
            I("PROGRESS_ON_TIME", 4, 6, 66.67m, 13.33m, Exact),        // not (10 + 20) / 2
            I("ONLINE_SERVICE_OFFERED", 2, 3, 66.67m, 1.67m, Provisional),
            I("ONLINE_SERVICE_USED", 2, 2, 100.00m, 4.00m, Provisional),
            I("ONLINE_SUBMISSION", 3, 6, 50.00m, 6.00m, Provisional),
            I("PAYMENT_DOSSIERS", 1, 2, 50.00m, 3.00m, Exact),
            I("PAYMENT_PROCEDURES", 1, 1, 100.00m, 2.00m, Exact),
            I("PAYMENT_FEE_DATA", 1, 1, 100.00m, 2.00m, Provisional),
            E("PETITION_ON_TIME", 6m), M("PETITION_SATISFACTION"),
            I("RECEIVING_SATISFACTION", 3, 6, 50.00m, 3.33m, Exact),   // (6 − 2) − (2 − 1)
            I("E_RESULT_AVAILABLE", 3, 6, 50.00m, 3.00m, Exact),
            I("DIGITIZED_DOSSIERS", 3, 6, 50.00m, 2.00m, Exact),
            I("REUSED_DATA", 2, 6, 33.33m, 0.83m, Exact),
            I("PERSONAL_STORAGE", 1, 6, 16.67m, 0.67m, Exact),         // 4/6 = 0.666…
            I("CITIZEN_DATA_DOSSIERS", 2, 6, 33.33m, 0.67m, Exact),
            I("CITIZEN_DATA_PROCEDURES", 2, 2, 100.00m, 2.00m, Exact),
            P("CERTIFIED_COPY", 2.00m),
            G("G1", 15.50m, 18), G("G2", 13.33m, 20), G("G3", 11.67m, 12), G("G4", 7.00m, 10), G("G5", 9.33m, 12),
            G("G6", 11.17m, 22),                                       // 3 + 2 + 0.83 + 0.67 + 0.67 + 2 + 2
            G("TOTAL", 68.00m, 94),                                    // neither 64.21 + 68.08 nor their mean
        ]),

        // ---- PROVINCE = every unit: |R| = 12, 6 pairs, overdue 4 (2 with a complaint) ----
        .. Scope("PROVINCE", "",
        [
            E("PUBLISH_ON_TIME", 5.5m), E("PUBLIC_UPDATE_ON_TIME", 4m), E("PUBLIC_CONTENT_FULL", 2m),
            I("DOSSIER_SYNC", 8, 12, 66.67m, 4.00m, Exact),
            I("PROGRESS_ON_TIME", 8, 12, 66.67m, 13.33m, Exact),
            I("ONLINE_SERVICE_OFFERED", 4, 6, 66.67m, 1.67m, Provisional),
            I("ONLINE_SERVICE_USED", 3, 4, 75.00m, 3.00m, Provisional),    // SO-A P1, X-B P4, X-C P4 of those + SO-A P2
            I("ONLINE_SUBMISSION", 6, 12, 50.00m, 6.00m, Provisional),
            I("PAYMENT_DOSSIERS", 4, 6, 66.67m, 4.00m, Exact),
            I("PAYMENT_PROCEDURES", 3, 3, 100.00m, 2.00m, Exact),
            I("PAYMENT_FEE_DATA", 3, 3, 100.00m, 2.00m, Provisional),
            E("PETITION_ON_TIME", 6m), M("PETITION_SATISFACTION"),
            I("RECEIVING_SATISFACTION", 6, 12, 50.00m, 3.33m, Exact),  // (12 − 4) − (4 − 2)
            I("E_RESULT_AVAILABLE", 5, 12, 41.67m, 2.50m, Exact),
            I("DIGITIZED_DOSSIERS", 6, 12, 50.00m, 2.00m, Exact),
            I("REUSED_DATA", 4, 12, 33.33m, 0.83m, Exact),
            I("PERSONAL_STORAGE", 3, 12, 25.00m, 1.00m, Exact),
            I("CITIZEN_DATA_DOSSIERS", 4, 12, 33.33m, 0.67m, Exact),
            I("CITIZEN_DATA_PROCEDURES", 3, 4, 75.00m, 1.50m, Exact),  // SO-A P1, X-B P4, X-C P4 of 4 citizen pairs
            P("CERTIFIED_COPY", 2.00m),
            G("G1", 15.50m, 18), G("G2", 13.33m, 20), G("G3", 10.67m, 12), G("G4", 8.00m, 10), G("G5", 9.33m, 12),
            G("G6", 10.50m, 22),                                       // 2.5 + 2 + 0.83 + 1 + 0.67 + 1.5 + 2
            G("TOTAL", 67.33m, 94),                                    // "67,33 điểm, tính được 94/100 điểm"
        ]),
    ];

    private ProvinceWorkspace Workspace => fixture.Workspace;

    [Fact]
    public void Once_ScopesAndRows_OnePerItemGroupAndTotalOfEverySnapshotScope()
    {
        fixture.Run.ShouldSucceed();
        var rows = Workspace.Store.Scorecards(ScorecardProvince.Date);

        rows.Select(r => (r.Period, r.Scope, r.ScopeId)).Distinct().ShouldBe(
        [
            ("MTD", "LEVEL", "1"), ("MTD", "LEVEL", "3"), ("MTD", "PROVINCE", ""), ("MTD", "UNIT", "SO-A"), ("MTD", "UNIT", "X-B"),
            ("MTD", "UNIT", "X-C"),
            ("YTD", "LEVEL", "1"), ("YTD", "LEVEL", "3"), ("YTD", "PROVINCE", ""), ("YTD", "UNIT", "SO-A"), ("YTD", "UNIT", "X-B"),
            ("YTD", "UNIT", "X-C"),
        ]);
        rows.Count.ShouldBe(2 * 6 * 28);
        rows.ShouldAllBe(r => r.IsFinal && r.ComputedAt != null);
        rows.Where(r => r.Period == "MTD").ShouldAllBe(r => r.PeriodStart == "2024-04-01");
    }

    [Fact]
    public void Once_ItemsOfTheContractColumns_MatchHandCountedFigures()
    {
        fixture.Run.ShouldSucceed();

        ShouldMatch(MtdApril.Where(e => ContractItems.Contains(e.Item)));
    }

    /// <summary>Every row: each item, group and total of every scope, counted by hand.</summary>
    [Fact]
    public void Once_EveryItemGroupAndTotal_MatchHandCountedFigures()
    {
        fixture.Run.ShouldSucceed();

        ShouldMatch(MtdApril);
    }

    private void ShouldMatch(IEnumerable<Expected> expected)
    {
        var rows = Workspace.Store.Scorecards(ScorecardProvince.Date, "MTD")
            .ToDictionary(r => (r.Scope, r.ScopeId, r.Item));
        var problems = new List<string>();
        foreach (var e in expected)
        {
            if (!rows.TryGetValue((e.Scope, e.ScopeId, e.Item), out var row))
            {
                problems.Add($"{e.Scope}[{e.ScopeId}] {e.Item}: no row");
                continue;
            }

            var found = (row.Numerator, row.Denominator, row.Ratio, row.Points, row.MaxPoints, row.KnownMaxPoints, row.Basis, row.GroupCode);
            var wanted = (e.N, e.D, e.Ratio, e.Points, e.Max ?? row.MaxPoints, e.KnownMax ?? (e.Points is null ? 0 : row.MaxPoints), e.Basis, e.GroupCode ?? row.GroupCode);
            if (found != wanted)
            {
                problems.Add($"{e.Scope}[{e.ScopeId}] {e.Item}: expected {wanted}, found {found}");
            }
        }

        problems.ShouldBeEmpty(string.Join(Environment.NewLine, problems));
    }

    private static IEnumerable<Expected> Scope(string scope, string scopeId, Expected[] rows) =>
        rows.Select(r => r with { Scope = scope, ScopeId = scopeId });

    private static Expected I(string item, long n, long d, decimal? ratio, decimal points, string basis) =>
        new("", "", item, n, d, ratio, points, basis);

    private static Expected E(string item, decimal points) => new("", "", item, null, null, null, points, Entered);

    private static Expected M(string item) => new("", "", item, null, null, null, null, Missing);

    private static Expected P(string item, decimal points) => new("", "", item, null, null, null, points, Proxy);

    private static Expected G(string code, decimal points, int knownMax) =>
        new("", "", code, null, null, null, points, null)
        {
            Max = code == "TOTAL" ? 100 : null,
            KnownMax = knownMax,
            GroupCode = code,
        };

    /// <summary>One expected kpi_scorecard row; Max, KnownMax and GroupCode default to the row's item's (checked in Core).</summary>
    private sealed record Expected(string Scope, string ScopeId, string Item, long? N, long? D, decimal? Ratio, decimal? Points, string? Basis)
    {
        public int? Max { get; init; }

        public int? KnownMax { get; init; }

        public string? GroupCode { get; init; }
    }
}

/// <summary>The scorecard province with its store on SQLite.</summary>
public sealed class ScorecardProvinceTests(ScorecardProvinceFixture fixture) : ScorecardProvinceChecks<ScorecardProvinceFixture>(fixture);

/// <summary>The scorecard province with its store on PostgreSQL.</summary>
public sealed class PostgreSqlStoreScorecardProvinceTests(PostgreSqlStoreScorecardProvinceFixture fixture)
    : ScorecardProvinceChecks<PostgreSqlStoreScorecardProvinceFixture>(fixture);
