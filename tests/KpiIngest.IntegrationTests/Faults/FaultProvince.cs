using System.Globalization;
using System.Text.Json.Nodes;
using KpiIngest.Data;
using KpiIngest.Demo;
using KpiIngest.IntegrationTests.Email;
using KpiIngest.IntegrationTests.Infrastructure;
using Microsoft.Data.Sqlite;
using Shouldly;

namespace KpiIngest.IntegrationTests.Faults;

/// <summary>
/// The data every fault test replays: a small synthetic province (SyntheticProvince, fixed seed) in two states.
/// <list type="bullet">
/// <item><c>source-a.db</c>: dossiers received from the first day of last month (relative to yesterday) to the day
/// before yesterday. Step A is <c>backfill --from First --to Yesterday−1</c> over it: a first ingest of many pages
/// (Source:BatchSize 100, three to a transaction) and a snapshot for every date.</item>
/// <item><c>source-b.db</c>: the same file, then two SourceSimulator steps yesterday (new dossiers, open ones moved
/// along, resolved, paid) and late corrections to dossiers received early last month (channel corrected, fee lines
/// refunded), dated yesterday 16:00. Step B is <c>once --date Yesterday</c> over it: a poll, the restatement of every
/// existing snapshot the corrections touched within the horizon, the alert fold and digests mailed to the .eml
/// pickup directory (events dated yesterday are mailed, indicators.md).</item>
/// </list>
/// </summary>
public sealed class FaultProvince : IDisposable
{
    public const int Seed = 6;

    public FaultProvince()
    {
        Root = Path.Combine(Path.GetTempPath(), "kpi-e2e", "faults-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        var today = DateOnly.ParseExact(ProvinceClock.Now()[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture);
        Yesterday = today.AddDays(-1);
        First = new DateOnly(Yesterday.Year, Yesterday.Month, 1).AddMonths(-1);
        LastOfA = Yesterday.AddDays(-1);
        SourceA = Path.Combine(Root, "source-a.db");
        SourceB = Path.Combine(Root, "source-b.db");
        Create(SourceA);
        Create(SourceB);
        ChangeYesterday(SourceB);
        UnitIds = StoreImage.Lines(SourceA, "SELECT unit_id FROM src_unit WHERE level = 3 ORDER BY unit_id LIMIT 2");
    }

    public string Root { get; }

    public DateOnly Yesterday { get; }

    public DateOnly First { get; }

    public DateOnly LastOfA { get; }

    public string SourceA { get; }

    public string SourceB { get; }

    /// <summary>Two commune ids with a UNIT route each.</summary>
    public IReadOnlyList<string> UnitIds { get; }

    public string[] StepA => ["backfill", "--from", Day(First), "--to", Day(LastOfA)];

    public string[] StepB => ["once", "--date", Day(Yesterday)];

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A workspace reading <paramref name="source"/>, paging by 100, mailing six routes to its pickup directory.</summary>
    public ProvinceWorkspace CreateWorkspace(string source)
    {
        var workspace = new ProvinceWorkspace();
        workspace.Configure(new JsonObject
        {
            ["Source"] = new JsonObject
            {
                // Three pages per transaction: kill points fall between pages of one transaction and between transactions.
                ["ConnectionString"] = $"Data Source={source}", ["BatchSize"] = 100, ["TransactionRows"] = 300,
            },
            ["Province"] = new JsonObject { ["Name"] = "Tỉnh Sơn Hà (mô phỏng)", ["Code"] = "SH" },
            ["Service"] = new JsonObject { ["Lease"] = new JsonObject { ["Expiry"] = "00:00:10", ["Wait"] = "00:01:00" } },
            ["Email"] = new JsonObject
            {
                ["From"] = "kpi@sonha.example",
                ["Recipients"] = new JsonArray(
                    MailProvince.Route("PROVINCE", null, "tinh@sonha.example"),
                    MailProvince.Route("LEVEL", "1", "cap-tinh@sonha.example"),
                    MailProvince.Route("LEVEL", "2", "cap-huyen@sonha.example"),
                    MailProvince.Route("LEVEL", "3", "cap-xa@sonha.example"),
                    MailProvince.Route("UNIT", UnitIds[0], "xa-1@sonha.example"),
                    MailProvince.Route("UNIT", UnitIds[1], "xa-2@sonha.example")),
            },
        });
        return workspace;
    }

    public static void UseSource(ProvinceWorkspace workspace, string source) =>
        workspace.Configure(new JsonObject { ["Source"] = new JsonObject { ["ConnectionString"] = $"Data Source={source}" } });

    /// <summary>
    /// Frees the run lease of a process the test killed, as its expiry (Service:Lease:Expiry) would once it passed:
    /// a dead holder cannot release it. Kill point 0 waits for the real expiry instead.
    /// </summary>
    public static void ExpireLeaseOfDeadHolder(string storePath)
    {
        using var connection = new SqliteConnection($"Data Source={storePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE kpi_lease SET expires_at = acquired_at";
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// The watermark is never ahead of committed data: every source dossier updated before it is in the store, as a
    /// fact of that very version or in active quarantine, so the next poll (from the watermark minus the overlap)
    /// misses nothing.
    /// </summary>
    public static void WatermarkShouldNotBeAheadOfCommittedData(string storePath, string sourcePath, string context)
    {
        var watermark = StoreImage.Lines(storePath, "SELECT value FROM kpi_state WHERE name = 'watermark:src_dossier'");
        if (watermark.Count == 0 || watermark[0] == "null")
        {
            return;
        }

        var mark = StoreFormat.ParseLocal(watermark[0]);
        var facts = StoreImage.Lines(storePath, "SELECT dossier_id, updated_at FROM kpi_dossier_fact")
            .Select(l => l.Split('|'))
            .ToDictionary(p => p[0], p => StoreFormat.ParseLocal(p[1]), StringComparer.Ordinal);
        var quarantined = StoreImage.Lines(storePath, "SELECT record_key FROM kpi_quarantine WHERE relation = 'src_dossier' AND cleared_at IS NULL")
            .ToHashSet(StringComparer.Ordinal);
        var behind = StoreImage.Lines(sourcePath, "SELECT dossier_id, updated_at FROM src_dossier")
            .Select(l => l.Split('|'))
            .Select(p => (Id: p[0], UpdatedAt: StoreFormat.ParseLocal(p[1])))
            .Where(r => r.UpdatedAt < mark)
            .Where(r => !quarantined.Contains(r.Id) && (!facts.TryGetValue(r.Id, out var stored) || stored != r.UpdatedAt))
            .Take(5)
            .ToList();
        behind.ShouldBeEmpty(
            $"the watermark {watermark[0]} is ahead of these source rows, which the store does not hold in that version: " +
            $"{string.Join(", ", behind)}{Environment.NewLine}{context}");
    }

    /// <summary>PRAGMA integrity_check of a SQLite file: "ok", or what is wrong.</summary>
    public static string IntegrityCheck(string databasePath) =>
        string.Join("; ", StoreImage.Lines(databasePath, "PRAGMA integrity_check"));

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("KPI_E2E_KEEP") == "1")
        {
            return;
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private void Create(string path) =>
        SyntheticProvince.Create(path, new SyntheticProvinceOptions
        {
            From = First,
            To = LastOfA,
            Dossiers = 1_500,
            Units = 10,
            CatalogPairs = 80,
            Seed = Seed,
            BadRowRate = 0.004,
        });

    private void ChangeYesterday(string path)
    {
        var yesterday = Yesterday.ToDateTime(TimeOnly.MinValue);
        using (var simulator = new SourceSimulator(path, Seed))
        {
            simulator.Step(yesterday.AddHours(10), newDossiers: 40, changedDossiers: 60);
            simulator.Step(yesterday.AddHours(14), newDossiers: 30, changedDossiers: 60);
        }

        // Late corrections, found yesterday afternoon, to dossiers received in the first days of last month.
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText =
            """
            UPDATE ho_so SET ngay_cap_nhat = $stamp
            WHERE id IN (SELECT DISTINCT h.id FROM ho_so_le_phi AS l JOIN ho_so AS h ON h.id = l.ho_so_id
                         WHERE h.ngay_tiep_nhan >= $from AND h.ngay_tiep_nhan < $until ORDER BY h.id LIMIT 5);
            DELETE FROM ho_so_le_phi WHERE ho_so_id IN (SELECT id FROM ho_so WHERE ngay_cap_nhat = $stamp);
            UPDATE ho_so SET kenh = CASE kenh WHEN 2 THEN 1 ELSE 2 END, ngay_cap_nhat = $stamp
            WHERE id IN (SELECT id FROM ho_so WHERE ngay_tiep_nhan >= $from AND ngay_tiep_nhan < $until
                         AND trang_thai NOT IN (1, 3) AND ngay_cap_nhat < $stamp ORDER BY id LIMIT 15);
            """;
        command.Parameters.AddWithValue("$stamp", ProvinceClock.Format(yesterday.AddHours(16)));
        command.Parameters.AddWithValue("$from", Day(First));
        command.Parameters.AddWithValue("$until", Day(First.AddDays(5)));
        command.ExecuteNonQuery();
    }
}
