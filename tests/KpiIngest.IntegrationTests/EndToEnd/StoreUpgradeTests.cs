using Dapper;
using KpiIngest.Data;
using KpiIngest.Data.Store;
using KpiIngest.Data.Store.Dialects;
using KpiIngest.IntegrationTests.Faults;
using KpiIngest.IntegrationTests.Infrastructure;
using Microsoft.Data.Sqlite;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.EndToEnd;

/// <summary>
/// Upgrading a store that holds facts. To 0014: before it, kpi_daily_pair's e-result counts (0013) were 0 while the facts'
/// traits already held what they count, and facts had no due day. To 0015: facts had no pair number, and a first ingest
/// numbered their pairs only at its end. The upgraded store's first run must end where a fresh ingest of the same
/// source ends: every daily-pair count, and the late dossiers of kpi_daily_overdue.
/// </summary>
public sealed class StoreUpgradeTests
{
    private static readonly string[] DailyPairColumns =
    [
        "day", "pair_id", "received", "online", "digitized", "resolved", "resolved_e_result", "resolved_with_due", "resolved_on_time",
        "received_e_result", "digitized_e_result", "synced", "complaint", "personal_storage", "citizen_data",
    ];

    private static readonly string[] OverdueColumns = ["unit_id", "received_day", "due_day", "overdue", "overdue_with_complaint"];

    [Fact]
    public async Task Once_StoreOf0013HoldingFacts_EndsWhereAFreshIngestEnds()
    {
        using var workspace = SmallProvinces.FillApril2024(new ProvinceWorkspace());
        workspace.AddDossiers(
            new DossierRow("E1", "SO-TP", "P1") { Status = 10, Digitized = 1, EResult = 1, ReceivedAt = "2024-04-03 08:00:00", DueAt = "2024-04-05 17:00:00", ResolvedAt = "2024-04-08 09:00:00" },
            new DossierRow("E2", "SO-TP", "P1") { Status = 10, EResult = 1, ReceivedAt = "2024-04-03 09:00:00", ResolvedAt = "2024-04-04 09:00:00" },
            new DossierRow("E3", "SO-TP", "P2") { Status = 4, Digitized = 1, ReceivedAt = "2024-04-04 08:00:00", DueAt = "2024-04-09 17:00:00" });
        (await workspace.RunAsync("once", "--date", "2024-04-30")).ShouldSucceed();
        var fresh = workspace.StorePath + ".fresh";
        File.Move(workspace.StorePath, fresh);
        var reference = new StoreQueries(fresh);

        CreateStoreOf0013From(fresh, workspace.StorePath);
        (await workspace.RunAsync("once", "--date", "2024-04-30")).ShouldSucceed();

        workspace.Store.Lines("kpi_daily_pair", DailyPairColumns).ShouldBe(reference.Lines("kpi_daily_pair", DailyPairColumns));
        workspace.Store.Lines("kpi_daily_overdue", OverdueColumns).ShouldBe(reference.Lines("kpi_daily_overdue", OverdueColumns));
        reference.Lines("kpi_daily_pair", "received_e_result").Sum(long.Parse).ShouldBe(2); // the test means something
        reference.CountOrZero("kpi_daily_overdue").ShouldBe(2);                               // E1 (resolved late), E3
    }

    [Fact]
    public async Task Once_StoreOf0014InTheMiddleOfItsFirstIngest_EndsWhereAFreshIngestEnds()
    {
        using var workspace = SmallProvinces.FillApril2024(new ProvinceWorkspace());
        (await workspace.RunAsync("once", "--date", "2024-04-30")).ShouldSucceed();
        var fresh = workspace.StorePath + ".fresh";
        File.Move(workspace.StorePath, fresh);
        var reference = StoreImage.Read(fresh);

        // Every fact in, its daily pairs not yet rebuilt and its pairs not yet numbered: a first ingest's last page
        // committed, then the process stopped before the rebuild.
        CreateStoreBefore("0015", fresh, workspace.StorePath, $"""
            INSERT INTO kpi_unit SELECT * FROM fresh.kpi_unit;
            INSERT INTO kpi_catalog SELECT * FROM fresh.kpi_catalog;
            INSERT INTO kpi_dossier_fact (dossier_id, unit_id, procedure_code, received_day, resolved_day, traits, updated_at, due_day)
                SELECT dossier_id, unit_id, procedure_code, received_day, resolved_day, traits, updated_at, due_day FROM fresh.kpi_dossier_fact;
            INSERT INTO kpi_daily_overdue SELECT * FROM fresh.kpi_daily_overdue;
            INSERT INTO kpi_state (name, value) SELECT name, value FROM fresh.kpi_state WHERE name = '{StateStore.DossierWatermark}';
            INSERT INTO kpi_state (name, value) VALUES ('{StateStore.DailyPairsRebuildPending}', '1');
            """);
        new StoreQueries(workspace.StorePath).CountOrZero("kpi_pair").ShouldBe(0);

        (await workspace.RunAsync("once", "--date", "2024-04-30")).ShouldSucceed();

        var upgraded = StoreImage.Read(workspace.StorePath);
        upgraded.Facts.ShouldBe(reference.Facts);
        upgraded.DailyPairs.ShouldBe(reference.DailyPairs);
        upgraded.DailyOverdue.ShouldBe(reference.DailyOverdue);
        reference.DailyPairs.ShouldNotBeEmpty(); // the test means something
    }

    /// <summary>
    /// A store as version 0013 left it after ingesting <paramref name="fresh"/>'s source: migrations up to 0013, the same
    /// units, catalog, pairs, facts (no due day), daily pairs with the e-result counts 0013 added as 0, and watermark.
    /// </summary>
    private static void CreateStoreOf0013From(string fresh, string path) =>
        CreateStoreBefore("0014", fresh, path, """
            INSERT INTO kpi_unit SELECT * FROM fresh.kpi_unit;
            INSERT INTO kpi_catalog (unit_id, procedure_code, procedure_name, online_mode, has_fee, online_payment, requires_result)
                SELECT unit_id, procedure_code, procedure_name, online_mode, has_fee, online_payment, requires_result FROM fresh.kpi_catalog;
            INSERT INTO kpi_pair SELECT * FROM fresh.kpi_pair;
            INSERT INTO kpi_dossier_fact (dossier_id, unit_id, procedure_code, received_day, resolved_day, traits, updated_at)
                SELECT dossier_id, unit_id, procedure_code, received_day, resolved_day, traits, updated_at FROM fresh.kpi_dossier_fact;
            INSERT INTO kpi_daily_pair SELECT * FROM fresh.kpi_daily_pair;
            UPDATE kpi_daily_pair SET received_e_result = 0, digitized_e_result = 0;
            INSERT INTO kpi_state (name, value) SELECT name, value FROM fresh.kpi_state WHERE name = 'watermark:src_dossier';
            """);

    /// <summary>
    /// A store of the migrations before <paramref name="version"/>, filled from the <paramref name="fresh"/> store
    /// (attached as <c>fresh</c>) by <paramref name="copy"/>.
    /// </summary>
    private static void CreateStoreBefore(string version, string fresh, string path, string copy)
    {
        var dialect = StoreDialect.For(DbEngine.Sqlite, null);
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        dialect.EnsureVersionTable(connection);
        foreach (var (name, sql) in dialect.Migrations().Where(m => string.CompareOrdinal(m.Name, version) < 0))
        {
            connection.Execute(dialect.Resolve(sql));
            connection.Execute("INSERT INTO kpi_schema_version (version, applied_at) VALUES (@name, '2026-01-01T00:00:00Z')", new { name });
        }

        connection.Execute($"ATTACH DATABASE '{fresh}' AS fresh");
        connection.Execute(copy);
        connection.Execute("DETACH DATABASE fresh");
    }
}
