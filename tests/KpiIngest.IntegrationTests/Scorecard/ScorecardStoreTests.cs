using System.Globalization;
using KpiIngest.Data.Store;
using KpiIngest.IntegrationTests.EndToEnd;
using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Scorecard;

/// <summary>
/// scorecard.md, "Where it goes": kpi_scorecard has rows for exactly the (snapshot_date, period, scope, scope_id) that
/// kpi_snapshot has, for every period kind but DAY, 28 per scope (21 items, G1..G6, TOTAL); written, restated and
/// retained together with them; none when Scorecard:Enabled is false. Through the real CLI on the hand-checked
/// province; the store is SQLite here, a subclass moves it to a server (<see cref="CreateWorkspace"/>).
/// </summary>
public class ScorecardStoreTests
{
    private static readonly string[] RowCodes =
    [
        .. new[]
        {
            "PUBLISH_ON_TIME", "PUBLIC_UPDATE_ON_TIME", "PUBLIC_CONTENT_FULL", "DOSSIER_SYNC", "PROGRESS_ON_TIME",
            "ONLINE_SERVICE_OFFERED", "ONLINE_SERVICE_USED", "ONLINE_SUBMISSION", "PAYMENT_DOSSIERS", "PAYMENT_PROCEDURES",
            "PAYMENT_FEE_DATA", "PETITION_ON_TIME", "PETITION_SATISFACTION", "RECEIVING_SATISFACTION", "E_RESULT_AVAILABLE",
            "DIGITIZED_DOSSIERS", "REUSED_DATA", "PERSONAL_STORAGE", "CITIZEN_DATA_DOSSIERS", "CITIZEN_DATA_PROCEDURES",
            "CERTIFIED_COPY",
        },
        "G1", "G2", "G3", "G4", "G5", "G6", "TOTAL",
    ];

    [Fact]
    public async Task Backfill_ScorecardRowsForExactlyTheSnapshotKeysButDay()
    {
        using var workspace = CreateWorkspace();
        HandCheckedProvince.Seed(workspace);
        workspace.Configure("""{ "Snapshots": { "Periods": [ "DAY", "MTD", "QTD", "YTD" ] } }""");

        (await workspace.RunAsync("backfill", "--from", "2024-04-29", "--to", "2024-05-01")).ShouldSucceed();

        ShouldBeInStep(workspace.Store, expectedDates: ["2024-04-29", "2024-04-30", "2024-05-01"]);
        workspace.Store.Scorecards().Select(r => r.Period).Distinct().Order(StringComparer.Ordinal).ShouldBe(["MTD", "QTD", "YTD"]);
        workspace.Store.Scorecards().ShouldAllBe(r => r.IsFinal, "every date ended long ago");
    }

    [Fact]
    public async Task Once_ItemTable_NamesEveryItemGroupAndTheTotal()
    {
        using var workspace = CreateWorkspace();
        HandCheckedProvince.Seed(workspace);

        (await workspace.RunAsync("once", "--date", "2024-04-30")).ShouldSucceed();

        var items = workspace.Store.ScorecardItems();
        items.Select(i => i.Code).ShouldBe(RowCodes.Order(StringComparer.Ordinal));
        items.Single(i => i.Code == "G1").ShouldBe(new StoredScorecardItem("G1", "G1", "Công khai, minh bạch", 18, "tổng điểm các tiêu chí của nhóm"));
        items.Single(i => i.Code == "TOTAL").MaxPoints.ShouldBe(100);
        items.Single(i => i.Code == "PROGRESS_ON_TIME").ShouldSatisfyAllConditions(
            i => i.GroupCode.ShouldBe("G2"), i => i.NameVi.ShouldBe("Hồ sơ giải quyết đúng hạn"), i => i.MaxPoints.ShouldBe(20));
        workspace.Store.Scorecards().Select(r => r.Item).Distinct().ShouldBeSubsetOf(items.Select(i => i.Code));
    }

    [Fact]
    public async Task Once_ScorecardDisabled_WritesNoScorecardRows()
    {
        using var workspace = CreateWorkspace();
        HandCheckedProvince.Seed(workspace);
        workspace.Configure("""{ "Scorecard": { "Enabled": false } }""");

        (await workspace.RunAsync("once", "--date", "2024-04-30")).ShouldSucceed();

        workspace.Store.Snapshots("2024-04-30").ShouldNotBeEmpty();
        workspace.Store.Scorecards().ShouldBeEmpty();
    }

    [Fact]
    public async Task Once_SourceChangedWithinHorizon_RestatedScorecardRowsRewrittenWithTheSnapshots()
    {
        // Two days ago and yesterday, local: inside the restatement horizon (from the first day of last month).
        using var workspace = CreateWorkspace();
        var today = DateOnly.Parse(ProvinceClock.Now()[..10], CultureInfo.InvariantCulture);
        var first = today.AddDays(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var second = today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        workspace.AddUnits(new UnitRow("X-A", "Xã An Hòa", 3));
        workspace.AddProcedures(new ProcedureRow("X-A", "P1", 4));
        workspace.AddDossiers(new DossierRow("A1", "X-A", "P1") { ReceivedAt = $"{first} 09:00:00", UpdatedAt = ProvinceClock.NowPlus(TimeSpan.FromHours(-1)) });
        (await workspace.RunAsync("backfill", "--from", first, "--to", second)).ShouldSucceed();
        Received(workspace.Store, first).ShouldBe(1);

        // A dossier of the first day arrives late; a plain `once` (today) restates both earlier dates.
        workspace.AddDossiers(new DossierRow("A2", "X-A", "P1") { Channel = 2, ReceivedAt = $"{first} 10:00:00", UpdatedAt = ProvinceClock.Now() });
        var result = (await workspace.RunAsync("once")).ShouldSucceed();

        Received(workspace.Store, first).ShouldBe(2, result.Describe());
        Received(workspace.Store, second).ShouldBe(2, result.Describe());
        ShouldBeInStep(workspace.Store, expectedDates: [first, second, today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]);
        foreach (var date in new[] { first, second })
        {
            // Rewritten in the same transaction as the date's snapshot rows: the same computed_at.
            workspace.Store.Scorecards(date).Select(r => r.ComputedAt).Distinct()
                .ShouldBe(workspace.Store.Snapshots(date).Select(r => r.ComputedAt).Distinct(), date);
        }
    }

    [Fact]
    public async Task ApplyRetention_OldDailyRows_ScorecardRowsGoWithTheirSnapshotRows()
    {
        using var workspace = CreateWorkspace();
        HandCheckedProvince.Seed(workspace);
        (await workspace.RunAsync("backfill", "--from", "2024-04-28", "--to", "2024-05-02")).ShouldSucceed();

        using (var store = StoreSession.Open(StoreOf(workspace)))
        {
            store.Service.ApplyRetention(new DateOnly(2024, 5, 2), DateTimeOffset.UtcNow.AddDays(-180), DateTimeOffset.UtcNow.AddDays(-90));
        }

        // 28 and 29 April go; 30 April (a month end) stays, as do the dates from 2 May.
        ShouldBeInStep(workspace.Store, expectedDates: ["2024-04-30", "2024-05-02"]);
    }

    /// <summary>The store the workspace's CLI writes: its SQLite file, or the server database it was moved to.</summary>
    protected virtual StoreDatabase StoreOf(ProvinceWorkspace workspace) =>
        StoreDatabase.Sqlite($"Data Source={workspace.StorePath};Pooling=False");

    protected virtual ProvinceWorkspace CreateWorkspace() => new();

    /// <summary>kpi_scorecard's scope keys are kpi_snapshot's without DAY, on exactly these dates, 28 rows each.</summary>
    private static void ShouldBeInStep(StoreQueries store, IReadOnlyList<string> expectedDates)
    {
        var snapshotKeys = store.Snapshots().Where(r => r.Period != "DAY")
            .Select(r => (r.SnapshotDate, r.Period, r.Scope, r.ScopeId)).Distinct().Order().ToList();
        var scorecards = store.Scorecards();

        snapshotKeys.Select(k => k.SnapshotDate).Distinct().ShouldBe(expectedDates);
        scorecards.Select(r => r.ScopeKey).Distinct().Order().ShouldBe(snapshotKeys);
        foreach (var scope in scorecards.GroupBy(r => r.ScopeKey))
        {
            scope.Select(r => r.Item).ShouldBe(RowCodes.Order(StringComparer.Ordinal), $"{scope.Key}");
        }
    }

    /// <summary>|R| of X-A's MTD on <paramref name="date"/>: PROGRESS_ON_TIME's denominator.</summary>
    private static long? Received(StoreQueries store, string date) =>
        store.Scorecards(date, "MTD").Single(r => r.Scope == "UNIT" && r.ScopeId == "X-A" && r.Item == "PROGRESS_ON_TIME").Denominator;
}

/// <summary>The same with the store on PostgreSQL (a SQLite source).</summary>
public sealed class PostgreSqlScorecardStoreTests(PostgreSqlServer server) : ScorecardStoreTests
{
    protected override ProvinceWorkspace CreateWorkspace() => new ProvinceWorkspace().UseServerStore(server);

    protected override StoreDatabase StoreOf(ProvinceWorkspace workspace) =>
        StoreDatabase.For(server.Engine.Provider, workspace.ServerStoreDatabase!.AdminConnectionString, "kpi");
}
