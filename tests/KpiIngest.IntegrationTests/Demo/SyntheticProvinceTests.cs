using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using KpiIngest.Demo;
using Microsoft.Data.Sqlite;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Demo;

/// <summary>
/// One synthetic province, generated once into a temporary SQLite file and only read by the tests that
/// share it; tests that write (the simulator) or compare runs make their own files.
/// </summary>
public sealed class SyntheticProvinceFixture : IDisposable
{
    public static readonly SyntheticProvinceOptions Options = new()
    {
        // Across 2025-07-01, so districts, absorbed communes and new communes all have dossiers.
        From = new DateOnly(2025, 5, 1),
        To = new DateOnly(2025, 8, 31),
        Dossiers = 20_000,
        Units = 40,
        CatalogPairs = 600,
        Seed = 11,
        // Far above the defaults, so every kind of bad row and uncatalogued dossier shows up.
        BadRowRate = 0.006,
        UncataloguedRate = 0.01,
    };

    public SyntheticProvinceFixture()
    {
        Folder = Directory.CreateTempSubdirectory("kpi-synthetic-").FullName;
        Path = NewPath("province");
        Summary = SyntheticProvince.Create(Path, Options);
    }

    public string Folder { get; }

    public string Path { get; }

    public SyntheticProvinceSummary Summary { get; }

    public string NewPath(string name) => System.IO.Path.Combine(Folder, name + ".db");

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}

public sealed class SyntheticProvinceTests(SyntheticProvinceFixture fixture) : IClassFixture<SyntheticProvinceFixture>
{
    private const string TimestampGlob = "[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-5][0-9]";

    [Fact]
    public void Create_ContractViews_HaveExactlyTheContractColumnsInOrder()
    {
        using var connection = Open(fixture.Path);

        Columns(connection, "src_unit").ShouldBe(["unit_id", "parent_id", "name", "level", "active_from", "active_to"]);
        Columns(connection, "src_procedure").ShouldBe(
            ["unit_id", "procedure_code", "procedure_name", "online_mode", "has_fee", "online_payment", "requires_result", "citizen_subject"]);
        Columns(connection, "src_dossier").ShouldBe(
        [
            "dossier_id", "dossier_code", "unit_id", "procedure_code", "channel", "status", "received_at", "due_at",
            "resolved_at", "fee_amount", "paid_online", "digitized", "e_result", "reused_data",
            "synced_to_portal", "complaint_or_dislike", "from_personal_storage", "citizen_data_used", "updated_at",
        ]);
    }

    /// <summary>scorecard.md, "Optional source columns": the demo maps all five, with plausible values.</summary>
    [Theory]
    [InlineData("synced_to_portal", 0.85, 0.99)]
    [InlineData("complaint_or_dislike", 0.005, 0.05)]
    [InlineData("from_personal_storage", 0.03, 0.40)]
    [InlineData("citizen_data_used", 0.30, 0.75)]
    public void Create_OptionalDossierColumn_PlausibleShareOfOnes(string column, double atLeast, double atMost)
    {
        using var connection = Open(fixture.Path);

        var total = Count(connection, "SELECT COUNT(*) FROM src_dossier");
        var ones = Count(connection, $"SELECT COUNT(*) FROM src_dossier WHERE {column} = 1");

        ((double)ones / total).ShouldBeInRange(atLeast, atMost);
        Count(connection, $"SELECT COUNT(*) FROM src_dossier WHERE {column} NOT IN (0, 1)").ShouldBe(0);
    }

    [Fact]
    public void Create_CitizenSubject_SomeProceduresForCitizensAndSomeNot()
    {
        using var connection = Open(fixture.Path);

        Count(connection, "SELECT COUNT(*) FROM src_procedure WHERE citizen_subject = 1").ShouldBeGreaterThan(0);
        Count(connection, "SELECT COUNT(*) FROM src_procedure WHERE citizen_subject = 0").ShouldBeGreaterThan(0);
    }

    [Theory]
    [InlineData("src_unit", "unit_id", "text")]
    [InlineData("src_unit", "parent_id", "text null")]
    [InlineData("src_unit", "name", "text")]
    [InlineData("src_unit", "level", "integer")]
    [InlineData("src_unit", "active_from", "text null")]
    [InlineData("src_unit", "active_to", "text null")]
    [InlineData("src_procedure", "unit_id", "text")]
    [InlineData("src_procedure", "procedure_code", "text")]
    [InlineData("src_procedure", "procedure_name", "text")]
    [InlineData("src_procedure", "online_mode", "integer")]
    [InlineData("src_procedure", "has_fee", "integer")]
    [InlineData("src_procedure", "online_payment", "integer")]
    [InlineData("src_procedure", "requires_result", "integer")]
    [InlineData("src_dossier", "dossier_id", "text")]
    [InlineData("src_dossier", "dossier_code", "text")]
    [InlineData("src_dossier", "unit_id", "text")]
    [InlineData("src_dossier", "procedure_code", "text")]
    [InlineData("src_dossier", "channel", "integer")]
    [InlineData("src_dossier", "status", "integer")]
    [InlineData("src_dossier", "received_at", "text null")]
    [InlineData("src_dossier", "due_at", "text null")]
    [InlineData("src_dossier", "resolved_at", "text null")]
    [InlineData("src_dossier", "fee_amount", "integer null")]
    [InlineData("src_dossier", "paid_online", "integer")]
    [InlineData("src_dossier", "digitized", "integer")]
    [InlineData("src_dossier", "e_result", "integer")]
    [InlineData("src_dossier", "reused_data", "integer")]
    [InlineData("src_dossier", "updated_at", "text")]
    public void Create_ContractColumn_HoldsOnlyItsContractType(string view, string column, string type)
    {
        using var connection = Open(fixture.Path);
        var allowed = type.Split(' ');

        var found = connection.Query<string>($"SELECT DISTINCT typeof({column}) FROM {view}").ToList();

        found.ShouldNotBeEmpty();
        found.ShouldAllBe(t => allowed.Contains(t));
    }

    [Fact]
    public void Create_RowCounts_MatchTheSummary()
    {
        using var connection = Open(fixture.Path);

        Count(connection, "SELECT COUNT(*) FROM src_unit").ShouldBe(fixture.Summary.Units);
        Count(connection, "SELECT COUNT(*) FROM src_procedure").ShouldBe(fixture.Summary.CatalogPairs);
        Count(connection, "SELECT COUNT(*) FROM src_dossier").ShouldBe(fixture.Summary.Dossiers);
        Count(connection, "SELECT COUNT(*) FROM ho_so_le_phi").ShouldBe(fixture.Summary.FeeLines);
        Count(connection, "SELECT COUNT(*) FROM dm_thu_tuc").ShouldBe(fixture.Summary.Procedures);
        fixture.Summary.Units.ShouldBe(SyntheticProvinceFixture.Options.Units);
        fixture.Summary.CatalogPairs.ShouldBe(SyntheticProvinceFixture.Options.CatalogPairs);
        fixture.Summary.Dossiers.ShouldBe(SyntheticProvinceFixture.Options.Dossiers);
        fixture.Summary.ProvinceName.ShouldBe("Tỉnh Sơn Hà");
    }

    [Fact]
    public void Create_SameSeed_WritesTheSameRows()
    {
        var options = SyntheticProvinceFixture.Options with { Dossiers = 3_000, Seed = 5 };
        var first = fixture.NewPath("same-seed-1");
        var second = fixture.NewPath("same-seed-2");
        var other = fixture.NewPath("other-seed");

        var summary = SyntheticProvince.Create(first, options);
        SyntheticProvince.Create(second, options).ShouldBe(summary);
        SyntheticProvince.Create(other, options with { Seed = 6 });

        Digest(first).ShouldBe(Digest(second));
        Digest(first).ShouldNotBe(Digest(other));
    }

    [Fact]
    public void Create_ExistingFile_IsReplaced()
    {
        var path = fixture.NewPath("replaced");
        SyntheticProvince.Create(path, SyntheticProvinceFixture.Options with { Dossiers = 500 });

        var summary = SyntheticProvince.Create(path, SyntheticProvinceFixture.Options with { Dossiers = 300 });

        using var connection = Open(path);
        Count(connection, "SELECT COUNT(*) FROM src_dossier").ShouldBe(300);
        summary.Dossiers.ShouldBe(300);
    }

    [Fact]
    public void Create_DossiersWithUnknownUnit_AreExactlyTheBadOnes()
    {
        using var connection = Open(fixture.Path);

        var unknown = Count(connection, "SELECT COUNT(*) FROM src_dossier d WHERE NOT EXISTS (SELECT 1 FROM src_unit u WHERE u.unit_id = d.unit_id)");

        unknown.ShouldBe(fixture.Summary.UnknownUnitRows);
        unknown.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Create_GoodDossiers_WereReceivedWhileTheirUnitWasActive()
    {
        using var connection = Open(fixture.Path);

        var outsideLifetime = Count(connection, """
            SELECT COUNT(*)
            FROM src_dossier d
            JOIN src_unit u ON u.unit_id = d.unit_id
            WHERE d.received_at IS NOT NULL
              AND ((u.active_from IS NOT NULL AND date(d.received_at) < u.active_from)
                OR (u.active_to IS NOT NULL AND date(d.received_at) > u.active_to))
            """);

        outsideLifetime.ShouldBe(0);
    }

    [Fact]
    public void Create_BadRows_BreakTheContractAsCounted()
    {
        using var connection = Open(fixture.Path);

        Count(connection, "SELECT COUNT(*) FROM src_dossier WHERE resolved_at < received_at")
            .ShouldBe(fixture.Summary.ResolvedBeforeReceivedRows);
        Count(connection, "SELECT COUNT(*) FROM src_dossier WHERE status IN (9, 10) AND resolved_at IS NULL")
            .ShouldBe(fixture.Summary.ResolvedWithoutDateRows);
        fixture.Summary.BadRows.ShouldBe(
            fixture.Summary.UnknownUnitRows + fixture.Summary.ResolvedBeforeReceivedRows + fixture.Summary.ResolvedWithoutDateRows);
        fixture.Summary.ResolvedBeforeReceivedRows.ShouldBeGreaterThan(0);
        fixture.Summary.ResolvedWithoutDateRows.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Create_GoodDossiers_KeepTheContractsOtherRules()
    {
        using var connection = Open(fixture.Path);

        Count(connection, "SELECT COUNT(*) FROM src_dossier WHERE channel NOT IN (1, 2, 3) OR status NOT BETWEEN 1 AND 10 OR paid_online NOT IN (0, 1, 2)").ShouldBe(0);
        Count(connection, "SELECT COUNT(*) FROM src_dossier WHERE digitized NOT IN (0, 1) OR e_result NOT IN (0, 1) OR reused_data NOT IN (0, 1)").ShouldBe(0);
        Count(connection, "SELECT COUNT(*) FROM src_dossier WHERE status IN (2, 4, 5, 6, 7, 8, 9, 10) AND received_at IS NULL").ShouldBe(0);
        Count(connection, "SELECT COUNT(*) FROM src_dossier WHERE due_at < received_at OR fee_amount < 0").ShouldBe(0);
        Count(connection, "SELECT COUNT(*) FROM src_dossier WHERE updated_at < received_at OR updated_at < resolved_at").ShouldBe(0);
        Count(connection, "SELECT COUNT(*) FROM (SELECT dossier_id FROM src_dossier GROUP BY dossier_id HAVING COUNT(*) > 1)").ShouldBe(0);
        Count(connection, "SELECT COUNT(*) FROM src_procedure WHERE online_mode NOT IN (0, 2, 3, 4)").ShouldBe(0);
    }

    [Fact]
    public void Create_UncataloguedDossiers_MatchTheSummary()
    {
        using var connection = Open(fixture.Path);

        var uncatalogued = Count(connection, """
            SELECT COUNT(*)
            FROM src_dossier d
            WHERE EXISTS (SELECT 1 FROM src_unit u WHERE u.unit_id = d.unit_id)
              AND NOT EXISTS (SELECT 1 FROM src_procedure p WHERE p.unit_id = d.unit_id AND p.procedure_code = d.procedure_code)
            """);

        uncatalogued.ShouldBe(fixture.Summary.Uncatalogued);
        uncatalogued.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Create_UpdatedAt_IsAlwaysYyyyMmDdHhMmSs()
    {
        using var connection = Open(fixture.Path);

        Count(connection, $"SELECT COUNT(*) FROM src_dossier WHERE length(updated_at) <> 19 OR updated_at NOT GLOB '{TimestampGlob}'").ShouldBe(0);
        var max = connection.ExecuteScalar<string>("SELECT MAX(updated_at) FROM src_dossier")!;
        DateTime.ParseExact(max, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
            .ShouldBeLessThanOrEqualTo(SyntheticProvinceFixture.Options.To.ToDateTime(new TimeOnly(23, 59, 59)));
    }

    [Fact]
    public void Create_ReceivedDates_SpreadOverTheRangeMostlyOnWorkingDays()
    {
        using var connection = Open(fixture.Path);
        var options = SyntheticProvinceFixture.Options;

        connection.ExecuteScalar<string>("SELECT MIN(date(received_at)) FROM src_dossier WHERE resolved_at IS NULL OR resolved_at >= received_at")
            .ShouldBe(options.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        connection.ExecuteScalar<string>("SELECT MAX(date(received_at)) FROM src_dossier")
            .ShouldBe(options.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var weekend = Count(connection, "SELECT COUNT(*) FROM src_dossier WHERE strftime('%w', received_at) IN ('0', '6')");
        var received = Count(connection, "SELECT COUNT(*) FROM src_dossier WHERE received_at IS NOT NULL");
        (weekend * 10).ShouldBeLessThan(received);
    }

    [Fact]
    public void Create_Units_FollowThe2025Reorganisation()
    {
        using var connection = Open(fixture.Path);

        Count(connection, "SELECT COUNT(*) FROM src_unit WHERE level = 2 AND active_to = '2025-06-30'")
            .ShouldBe(Count(connection, "SELECT COUNT(*) FROM src_unit WHERE level = 2"));
        Count(connection, "SELECT COUNT(*) FROM src_unit WHERE level = 3 AND active_to = '2025-06-30'").ShouldBeGreaterThan(0);
        Count(connection, "SELECT COUNT(*) FROM src_unit WHERE level = 3 AND active_from = '2025-07-01'").ShouldBeGreaterThan(0);
        Count(connection, "SELECT COUNT(*) FROM src_unit WHERE level = 1").ShouldBe(4);
        Count(connection, "SELECT COUNT(*) FROM src_unit WHERE level = 3").ShouldBe(32);
        Count(connection, "SELECT COUNT(DISTINCT d.unit_id) FROM src_dossier d JOIN src_unit u ON u.unit_id = d.unit_id WHERE u.level = 2")
            .ShouldBe(Count(connection, "SELECT COUNT(*) FROM src_unit WHERE level = 2"));
    }

    [Fact]
    public void Create_Report_HasUnitsBelowAndAboveTheOnlineTarget()
    {
        using var connection = Open(fixture.Path);

        var ratios = connection.Query<double>("""
            SELECT 100.0 * SUM(channel = 2) / COUNT(*)
            FROM src_dossier
            WHERE status NOT IN (1, 3) AND received_at IS NOT NULL
            GROUP BY unit_id
            HAVING COUNT(*) >= 50
            """).ToList();

        ratios.ShouldContain(r => r < 50);
        ratios.ShouldContain(r => r >= 50);
    }

    [Fact]
    public void Create_PollQuery_IsServedByTheUpdatedAtIndexWithoutSorting()
    {
        using var connection = Open(fixture.Path);

        var plan = QueryPlan(connection, "SELECT * FROM src_dossier WHERE updated_at >= '2025-08-01 00:00:00' ORDER BY updated_at, dossier_id");

        plan.ShouldContain("ix_ho_so_ngay_cap_nhat");
        plan.ShouldNotContain("TEMP B-TREE");
    }

    [Fact]
    public void Create_TooFewUnits_Throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() =>
            SyntheticProvince.Create(fixture.NewPath("too-few"), SyntheticProvinceFixture.Options with { Units = 4, CatalogPairs = 10 }));
    }

    [Fact]
    public void Create_FiveUnits_Works()
    {
        var path = fixture.NewPath("five-units");

        var summary = SyntheticProvince.Create(path, SyntheticProvinceFixture.Options with { Units = 5, CatalogPairs = 5, Dossiers = 1_000 });

        summary.Units.ShouldBe(5);
        summary.CatalogPairs.ShouldBe(5);
        using var connection = Open(path);
        Count(connection, "SELECT COUNT(DISTINCT level) FROM src_unit").ShouldBe(3);
    }

    [Fact]
    public void Step_AddsAndChangesTheRequestedRows_AllStampedAfterThePreviousMaximum()
    {
        var path = fixture.NewPath("simulated");
        SyntheticProvince.Create(path, SyntheticProvinceFixture.Options with { Dossiers = 4_000 });
        string before;
        long countBefore;
        using (var connection = Open(path))
        {
            before = connection.ExecuteScalar<string>("SELECT MAX(updated_at) FROM src_dossier")!;
            countBefore = Count(connection, "SELECT COUNT(*) FROM src_dossier");
        }

        using var simulator = new SourceSimulator(path, seed: 3);
        var step = simulator.Step(new DateTime(2025, 9, 1, 9, 30, 15, 500, DateTimeKind.Unspecified), newDossiers: 25, changedDossiers: 40);

        step.ShouldBe(new SimulationStep(new DateTime(2025, 9, 1, 9, 30, 15, DateTimeKind.Unspecified), 25, 40));
        using (var connection = Open(path))
        {
            Count(connection, "SELECT COUNT(*) FROM src_dossier").ShouldBe(countBefore + 25);
            Count(connection, "SELECT COUNT(*) FROM src_dossier WHERE updated_at > @before", new { before }).ShouldBe(65);
            Count(connection, "SELECT COUNT(*) FROM src_dossier WHERE updated_at = '2025-09-01 09:30:15'").ShouldBe(65);
            Count(connection, "SELECT COUNT(*) FROM src_dossier WHERE updated_at = '2025-09-01 09:30:15' AND received_at > updated_at").ShouldBe(0);
        }
    }

    [Fact]
    public void Step_ClockNotPastTheNewestRow_StillMovesUpdatedAtForward()
    {
        var path = fixture.NewPath("simulated-clock");
        SyntheticProvince.Create(path, SyntheticProvinceFixture.Options with { Dossiers = 2_000 });
        using var simulator = new SourceSimulator(path, seed: 4);
        var first = simulator.Step(new DateTime(2025, 9, 1, 10, 0, 0, DateTimeKind.Unspecified), 5, 5);

        var second = simulator.Step(new DateTime(2025, 9, 1, 10, 0, 0, DateTimeKind.Unspecified), 5, 5);
        var third = simulator.Step(new DateTime(2025, 8, 1, 10, 0, 0, DateTimeKind.Unspecified), 5, 5);

        second.UpdatedAt.ShouldBeGreaterThan(first.UpdatedAt);
        third.UpdatedAt.ShouldBeGreaterThan(second.UpdatedAt);
        using var connection = Open(path);
        Count(connection, "SELECT COUNT(*) FROM src_dossier WHERE updated_at = @stamp", new { stamp = third.UpdatedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) })
            .ShouldBe(10);
    }

    [Fact]
    public void Step_ManyTimes_ResolvesOpenDossiersAndKeepsTheContract()
    {
        var path = fixture.NewPath("simulated-many");
        SyntheticProvince.Create(path, SyntheticProvinceFixture.Options with { Dossiers = 2_000, BadRowRate = 0 });
        using var simulator = new SourceSimulator(path, seed: 5);
        var now = new DateTime(2025, 9, 2, 8, 0, 0, DateTimeKind.Unspecified);

        var changed = 0;
        for (var i = 0; i < 30; i++)
        {
            changed += simulator.Step(now.AddMinutes(i), 10, 20).Changed;
        }

        changed.ShouldBeGreaterThan(0);
        using var connection = Open(path);
        Count(connection, "SELECT COUNT(*) FROM src_dossier WHERE resolved_at >= '2025-09-02 08:00:00' AND status IN (9, 10)").ShouldBeGreaterThan(0);
        Count(connection, "SELECT COUNT(*) FROM src_dossier WHERE resolved_at < received_at OR (status IN (9, 10) AND resolved_at IS NULL)").ShouldBe(0);
        Count(connection, "SELECT COUNT(*) FROM src_dossier WHERE status IN (2, 4, 5, 6, 7, 8, 9, 10) AND received_at IS NULL").ShouldBe(0);
        Count(connection, $"SELECT COUNT(*) FROM src_dossier WHERE updated_at NOT GLOB '{TimestampGlob}'").ShouldBe(0);
        Count(connection, "SELECT COUNT(*) FROM (SELECT dossier_code FROM src_dossier GROUP BY dossier_code HAVING COUNT(*) > 1)").ShouldBe(0);
    }

    [Fact]
    public void Step_WhileAnotherConnectionIsMidRead_CommitsAndTheReaderKeepsItsSnapshot()
    {
        var path = fixture.NewPath("simulated-concurrent");
        SyntheticProvince.Create(path, SyntheticProvinceFixture.Options with { Dossiers = 3_000 });
        using var reader = Open(path);
        using var transaction = reader.BeginTransaction(deferred: true);
        var before = Count(reader, "SELECT COUNT(*) FROM src_dossier");

        using (var simulator = new SourceSimulator(path, seed: 6))
        {
            simulator.Step(new DateTime(2025, 9, 3, 9, 0, 0, DateTimeKind.Unspecified), 10, 10).Added.ShouldBe(10);
        }

        Count(reader, "SELECT COUNT(*) FROM src_dossier").ShouldBe(before);
        transaction.Commit();
        Count(reader, "SELECT COUNT(*) FROM src_dossier").ShouldBe(before + 10);
    }

    [Fact]
    public void DeployScripts_OnDisk_AreRerunnableOnAnEmptyDatabase()
    {
        var folder = FindRepositoryFolder("deploy/sql/sqlite");
        var path = fixture.NewPath("scripts-only");
        using var connection = Open(path);

        for (var run = 0; run < 2; run++)
        {
            connection.Execute(File.ReadAllText(System.IO.Path.Combine(folder, "reference-schema.sql")));
            connection.Execute(File.ReadAllText(System.IO.Path.Combine(folder, "contract-views.sql")));
        }

        Count(connection, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'view' AND name IN ('src_unit', 'src_procedure', 'src_dossier')").ShouldBe(3);
        Count(connection, "SELECT COUNT(*) FROM src_dossier").ShouldBe(0);
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ConnectionString);
        connection.Open();
        return connection;
    }

    private static long Count(SqliteConnection connection, string sql, object? parameters = null) =>
        connection.ExecuteScalar<long>(sql, parameters);

    private static List<string> Columns(SqliteConnection connection, string view) =>
        connection.Query<string>($"SELECT name FROM pragma_table_info('{view}') ORDER BY cid").ToList();

    private static string QueryPlan(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read())
        {
            lines.Add(reader.GetString(reader.FieldCount - 1));
        }

        return string.Join("\n", lines);
    }

    /// <summary>A hash of every row of the three views in key order: equal hashes, equal content.</summary>
    private static string Digest(string path)
    {
        using var connection = Open(path);
        var text = new StringBuilder();
        foreach (var sql in (string[])
        [
            "SELECT * FROM src_unit ORDER BY unit_id",
            "SELECT * FROM src_procedure ORDER BY unit_id, procedure_code",
            "SELECT * FROM src_dossier ORDER BY dossier_id",
        ])
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    text.Append(reader.IsDBNull(i) ? "\u2400" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).Append('|');
                }

                text.Append('\n');
            }
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static string FindRepositoryFolder(string relative)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = System.IO.Path.Combine(directory.FullName, relative);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"No {relative} above {AppContext.BaseDirectory}.");
    }
}
