using KpiIngest.IntegrationTests.Infrastructure;
using KpiIngest.Worker.Pipeline;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.EndToEnd;

/// <summary>
/// scorecard.md, "Optional source columns", through the real CLI: detected from the relation's column list; a value
/// other than 0, 1 or null quarantines the row naming the column; check-source lists which are present; when the set
/// present changes, the next run re-reads every dossier. Also the scorecard's received-day counts and the late
/// dossiers of "Overdue at S" as the ingest stores them. The source is SQLite here; subclasses run the same tests
/// against other engines (<see cref="CreateWorkspace"/>).
/// </summary>
public class OptionalColumnsTests
{
    private const string Date = "2024-04-30";

    protected virtual ProvinceWorkspace CreateWorkspace() => new();

    /// <summary>The SQL type an optional 0/1 column gets when a test adds it to the source's table.</summary>
    protected virtual string FlagType => "INTEGER";

    [Fact]
    public async Task CheckSource_SomeOptionalColumns_ListsPresentAndAbsentWithTheItemEachMakesExact()
    {
        using var workspace = SmallProvince();
        AddColumn(workspace, "src_dossier", "synced_to_portal");
        AddColumn(workspace, "src_procedure", "citizen_subject");

        var result = (await workspace.RunAsync("check-source")).ShouldSucceed();

        result.Output.ShouldContain($"present  {"src_dossier.synced_to_portal",-34} DOSSIER_SYNC", Case.Sensitive, result.Describe());
        result.Output.ShouldContain($"present  {"src_procedure.citizen_subject",-34} CITIZEN_DATA_PROCEDURES", Case.Sensitive, result.Describe());
        result.Output.ShouldContain($"absent   {"src_dossier.complaint_or_dislike",-34} RECEIVING_SATISFACTION", Case.Sensitive, result.Describe());
        result.Output.ShouldContain("each one present makes", Case.Sensitive, result.Describe());
    }

    [Fact]
    public async Task CheckSource_OptionalFlagOfTwo_ShownAmongTheQuarantineReasons()
    {
        using var workspace = SmallProvince();
        AddColumn(workspace, "src_dossier", "complaint_or_dislike");
        workspace.ExecuteSource("UPDATE src_dossier SET complaint_or_dislike = 2 WHERE dossier_id = 'R2'");

        var result = (await workspace.RunAsync("check-source")).ShouldSucceed();

        result.Output.ShouldContain("complaint_or_dislike is not a 0/1 flag", Case.Sensitive, result.Describe());
    }

    [Fact]
    public async Task Once_OptionalFlagOfTwo_RowQuarantinedNamingTheColumn()
    {
        using var workspace = SmallProvince();
        AddColumn(workspace, "src_dossier", "citizen_data_used");
        workspace.ExecuteSource("UPDATE src_dossier SET citizen_data_used = 2 WHERE dossier_id = 'R3'");

        (await workspace.RunAsync("once", "--date", Date)).ShouldSucceed();

        var entry = workspace.Store.ActiveQuarantine().ShouldHaveSingleItem();
        entry.RecordKey.ShouldBe("R3");
        entry.Reason.ShouldContain("citizen_data_used");
    }

    [Fact]
    public async Task Once_OptionalColumnsAbsent_StateRecordsNoneAndCountsAreZero()
    {
        using var workspace = SmallProvince();

        (await workspace.RunAsync("once", "--date", Date)).ShouldSucceed();

        workspace.Store.Lines("kpi_state", "name", "value").ShouldContain("optional_columns | ");
        workspace.Store.Lines("kpi_daily_pair", "synced").ShouldAllBe(line => line == "0");
    }

    private const string ReadAgain = "every dossier is read again";

    [Fact]
    public async Task Once_ColumnAddedWithoutTouchingUpdatedAt_EveryDossierReadAgainWithItsValue()
    {
        using var workspace = SmallProvince();

        // Every row but R6 changed long before the watermark (R6's), beyond the poll's overlap.
        workspace.ExecuteSource("UPDATE src_dossier SET updated_at = '2024-04-20 08:00:00' WHERE dossier_id <> 'R6'");
        var first = (await workspace.RunAsync("once", "--date", Date)).ShouldSucceed();
        workspace.Store.LatestRun().DossiersRead.ShouldBe(6);
        first.Output.ShouldNotContain(ReadAgain, Case.Sensitive, "a first run reads every dossier once; nothing is read again");

        // The view gains synced_to_portal; no row's updated_at moves, so only the set's change can bring them back.
        AddColumn(workspace, "src_dossier", "synced_to_portal");
        workspace.ExecuteSource("UPDATE src_dossier SET synced_to_portal = 1 WHERE dossier_id IN ('R1', 'R2', 'R5')");
        var changed = (await workspace.RunAsync("once", "--date", Date)).ShouldSucceed();

        changed.Output.ShouldContain(ReadAgain, Case.Sensitive, changed.Describe());
        workspace.Store.LatestRun().DossiersRead.ShouldBe(6);
        workspace.Store.Lines("kpi_state", "name", "value").ShouldContain("optional_columns | synced_to_portal");
        SumOf(workspace, "synced").ShouldBe(3);
        SumOf(workspace, "received").ShouldBe(6); // moved out and in, not added twice

        // Unchanged since: the next poll reads only the overlap again (R6).
        (await workspace.RunAsync("once", "--date", Date)).ShouldSucceed();
        workspace.Store.LatestRun().DossiersRead.ShouldBe(1);
    }

    [Fact]
    public async Task Once_ColumnAddedHoldingOnlyZeros_EarlierSnapshotsRestated()
    {
        using var workspace = SmallProvince();

        // April 2024 within the restatement horizon, whatever today is.
        workspace.Configure("""{ "Snapshots": { "RestateMonths": 120 } }""");
        (await workspace.RunAsync("backfill", "--from", "2024-04-28", "--to", Date)).ShouldSucceed();
        var before = workspace.Store.Snapshots("2024-04-28").Select(r => r.ComputedAt).Max();

        // No count moves (every value 0), yet the scorecard's basis of DOSSIER_SYNC does, for every date.
        AddColumn(workspace, "src_dossier", "synced_to_portal");
        workspace.ExecuteSource("UPDATE src_dossier SET synced_to_portal = 0");
        (await workspace.RunAsync("once", "--date", Date)).ShouldSucceed();

        var after = workspace.Store.Snapshots("2024-04-28").Select(r => r.ComputedAt).Min();
        string.CompareOrdinal(after, before).ShouldBeGreaterThan(0, "the 28 April snapshots were computed again");
    }

    [Fact]
    public async Task Backfill_ScorecardCounts_EqualADirectCountOverTheSource()
    {
        using var workspace = SmallProvince();
        foreach (var column in new[] { "synced_to_portal", "complaint_or_dislike", "from_personal_storage", "citizen_data_used" })
        {
            AddColumn(workspace, "src_dossier", column);
        }

        workspace.ExecuteSource("""
            UPDATE src_dossier SET e_result = 1, digitized = 1, synced_to_portal = 1, citizen_data_used = 1 WHERE dossier_id IN ('R1', 'R2');
            UPDATE src_dossier SET e_result = 1, complaint_or_dislike = 1, from_personal_storage = 1 WHERE dossier_id = 'R3';
            UPDATE src_dossier SET digitized = 1, synced_to_portal = 1, from_personal_storage = NULL WHERE dossier_id = 'R4';
            """);

        (await workspace.RunAsync("backfill", "--from", "2024-04-01", "--to", Date)).ShouldSucceed();

        SumOf(workspace, "received_e_result").ShouldBe(3);  // R1, R2, R3
        SumOf(workspace, "digitized_e_result").ShouldBe(2); // R1, R2 (R4 digitized without an e-result)
        SumOf(workspace, "synced").ShouldBe(3);             // R1, R2, R4
        SumOf(workspace, "complaint").ShouldBe(1);          // R3
        SumOf(workspace, "personal_storage").ShouldBe(1);   // R3; R4's null counts as 0
        SumOf(workspace, "citizen_data").ShouldBe(2);       // R1, R2
    }

    [Fact]
    public async Task Once_LateDossiers_StoredByUnitReceivedDayAndDueDay()
    {
        using var workspace = new SmallProvinceBuilder(CreateWorkspace()).Workspace;
        AddColumn(workspace, "src_dossier", "complaint_or_dislike");
        workspace.AddDossiers(
            // Due at the last second of 15 April, still in progress: late, due day 15 April.
            new DossierRow("L1", "SO-TP", "P1") { Status = 4, ReceivedAt = "2024-04-10 08:00:00", DueAt = "2024-04-15 23:59:59" },
            // Resolved after its due time: late whatever S.
            new DossierRow("L2", "SO-TP", "P1") { Status = 10, ReceivedAt = "2024-04-10 09:00:00", DueAt = "2024-04-15 17:00:00", ResolvedAt = "2024-04-16 08:00:00" },
            // Resolved on time: never overdue.
            new DossierRow("T1", "SO-TP", "P1") { Status = 10, ReceivedAt = "2024-04-10 10:00:00", DueAt = "2024-04-15 17:00:00", ResolvedAt = "2024-04-15 17:00:00" },
            // Due at midnight: due day 16 April; withdrawn, judged the same.
            new DossierRow("L3", "SO-TP", "P2") { Status = 7, ReceivedAt = "2024-04-12 08:00:00", DueAt = "2024-04-16 00:00:00" },
            // No due time: never overdue.
            new DossierRow("N1", "SO-TP", "P2") { Status = 4, ReceivedAt = "2024-04-12 08:00:00" });
        workspace.ExecuteSource("UPDATE src_dossier SET complaint_or_dislike = 1 WHERE dossier_id IN ('L1', 'T1')");

        (await workspace.RunAsync("once", "--date", Date)).ShouldSucceed();

        workspace.Store.Lines("kpi_daily_overdue", "unit_id", "received_day", "due_day", "overdue", "overdue_with_complaint").ShouldBe(
        [
            "SO-TP | 2024-04-10 | 2024-04-15 | 2 | 1",
            "SO-TP | 2024-04-12 | 2024-04-16 | 1 | 0",
        ]);

        // Corrected at the source: L1 resolved by its due time moves out.
        workspace.UpdateDossier(new DossierRow("L1", "SO-TP", "P1")
        {
            Status = 10, ReceivedAt = "2024-04-10 08:00:00", DueAt = "2024-04-15 23:59:59", ResolvedAt = "2024-04-15 23:00:00",
            UpdatedAt = ProvinceClock.NowPlus(TimeSpan.FromMinutes(-1)),
        });
        (await workspace.RunAsync("once", "--date", Date)).ShouldSucceed();

        workspace.Store.Lines("kpi_daily_overdue", "unit_id", "received_day", "due_day", "overdue", "overdue_with_complaint").ShouldBe(
        [
            "SO-TP | 2024-04-10 | 2024-04-15 | 1 | 0",
            "SO-TP | 2024-04-12 | 2024-04-16 | 1 | 0",
        ]);
    }

    [Fact]
    public async Task ScorecardSourceInputs_HandMadeSet_OverdueAtSeveralDates()
    {
        using var workspace = new SmallProvinceBuilder(CreateWorkspace()).Workspace;
        AddColumn(workspace, "src_dossier", "synced_to_portal");
        workspace.AddDossiers(
            new DossierRow("L1", "SO-TP", "P1") { Status = 4, ReceivedAt = "2024-03-28 08:00:00", DueAt = "2024-04-02 17:00:00" },
            new DossierRow("L2", "SO-TP", "P1") { Status = 10, ReceivedAt = "2024-04-10 09:00:00", DueAt = "2024-04-15 17:00:00", ResolvedAt = "2024-04-16 08:00:00" },
            new DossierRow("L3", "SO-TP", "P2") { Status = 4, ReceivedAt = "2024-04-12 08:00:00", DueAt = "2024-04-16 00:00:00" },
            new DossierRow("T1", "SO-TP", "P2") { Status = 9, ReceivedAt = "2024-04-12 08:00:00", DueAt = "2024-04-16 00:00:00", ResolvedAt = "2024-04-14 08:00:00" });
        (await workspace.RunAsync("once", "--date", Date)).ShouldSucceed();

        using var store = OpenStore(workspace);
        string[] dates = ["2024-04-01", "2024-04-02", "2024-04-14", "2024-04-15", "2024-04-16", "2024-04-30"];
        var inputs = ScorecardSourceInputs.Load(store, [.. dates.Select(Day)], [Core.Periods.PeriodKind.Mtd, Core.Periods.PeriodKind.Ytd]);

        inputs.OptionalColumns.ShouldBe(Core.Source.OptionalColumns.SyncedToPortal);
        long[] mtd = [.. dates.Select(d => inputs.Overdue(Day(d), Core.Periods.PeriodKind.Mtd).GetValueOrDefault("SO-TP").Overdue)];
        long[] ytd = [.. dates.Select(d => inputs.Overdue(Day(d), Core.Periods.PeriodKind.Ytd).GetValueOrDefault("SO-TP").Overdue)];
        mtd.ShouldBe([0, 0, 0, 1, 2, 2]); // L1 was received in March
        ytd.ShouldBe([0, 1, 1, 2, 3, 3]);
    }

    /// <summary>A store session on the workspace's store, as the CLI opens it.</summary>
    protected virtual Data.Store.StoreSession OpenStore(ProvinceWorkspace workspace) =>
        Data.Store.StoreSession.Open(Data.Store.StoreDatabase.Sqlite($"Data Source={workspace.StorePath};Pooling=False"));

    private static DateOnly Day(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private ProvinceWorkspace SmallProvince() => SmallProvinces.FillApril2024(CreateWorkspace());

    private void AddColumn(ProvinceWorkspace workspace, string relation, string column) =>
        workspace.ExecuteSource($"ALTER TABLE {relation} ADD COLUMN {column} {FlagType} NULL");

    private static long SumOf(ProvinceWorkspace workspace, string column) =>
        workspace.Store.Lines("kpi_daily_pair", column).Sum(long.Parse);

    /// <summary>SO-TP with P1 and P2 and no dossier yet.</summary>
    private sealed class SmallProvinceBuilder
    {
        public SmallProvinceBuilder(ProvinceWorkspace workspace)
        {
            workspace.AddUnits(new UnitRow("SO-TP", "Sở Tư pháp", 1));
            workspace.AddProcedures(
                new ProcedureRow("SO-TP", "P1", 4) { HasFee = 1, OnlinePayment = 1, RequiresResult = 1 },
                new ProcedureRow("SO-TP", "P2", 3) { HasFee = 0, OnlinePayment = 0, RequiresResult = 0 });
            Workspace = workspace;
        }

        public ProvinceWorkspace Workspace { get; }
    }
}
