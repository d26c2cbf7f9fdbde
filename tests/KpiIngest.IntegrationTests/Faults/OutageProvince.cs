using System.Globalization;
using System.Text.Json.Nodes;
using KpiIngest.IntegrationTests.Infrastructure;
using KpiIngest.Worker;
using KpiIngest.Worker.Pipeline;
using Microsoft.Data.Sqlite;
using Shouldly;

namespace KpiIngest.IntegrationTests.Faults;

/// <summary>
/// A province of 250 dossiers received in April 2024 at two units, read in keyset pages of 100 (Source:BatchSize; a first
/// ingest too, Source:FirstIngestScan false, so each page is a statement of its own) each
/// committed on its own (Source:TransactionRows 100), so a
/// run has a first page committed and more to read when a test pauses it (KPIINGEST_FAULT_PAUSE_AT=ingest:4: the
/// fourth ingest checkpoint is "first page committed", after the dimensions' two) and breaks the source under it.
/// </summary>
public static class OutageProvince
{
    public const string Date = "2024-04-30";
    public const string NextDate = "2024-05-01";

    /// <summary>The checkpoint after the first page of dossiers committed (dimensions before and after, page 1 before and after).</summary>
    public const string AfterFirstPage = FaultInjectionTestHook.Ingest + ":4";

    public static ProvinceWorkspace Create() => Seed(new ProvinceWorkspace());

    /// <summary>Writes the province into <paramref name="workspace"/>'s source, whatever its engine (a PostgreSQL database, say).</summary>
    public static ProvinceWorkspace Seed(ProvinceWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        workspace.Configure(new JsonObject { ["Source"] = new JsonObject { ["BatchSize"] = 100, ["TransactionRows"] = 100, ["FirstIngestScan"] = false } });
        workspace.AddUnits(new UnitRow("SO-TP", "Sở Tư pháp", 1), new UnitRow("X-A", "Xã An Hòa", 3));
        workspace.AddProcedures(
            new ProcedureRow("SO-TP", "P1", 4) { HasFee = 1, OnlinePayment = 1 },
            new ProcedureRow("X-A", "P1", 3));
        workspace.AddDossiers(Enumerable.Range(0, 250).Select(i => new DossierRow($"D{i:D3}", i % 3 == 0 ? "X-A" : "SO-TP", "P1")
        {
            Channel = i % 4 == 0 ? 1 : 2,
            Status = i % 5 == 0 ? 10 : 4,
            ReceivedAt = $"2024-04-{1 + (i % 28):D2} 08:{i % 60:D2}:00",
            DueAt = $"2024-04-{1 + (i % 28):D2} 17:00:00",
            ResolvedAt = i % 5 == 0 ? $"2024-04-{1 + (i % 28):D2} {(i % 2 == 0 ? 10 : 18)}:00:00" : null,
            FeeAmount = i % 2 == 0 ? 50_000m : null,
            PaidOnline = i % 6 == 0 ? 1 : 0,
            Digitized = i % 3 == 0 ? 0 : 1,
            EResult = i % 10 == 0 ? 1 : 0,
            UpdatedAt = $"2024-04-30 09:{i / 60:D2}:{i % 60:D2}",
        }));
        return workspace;
    }

    /// <summary>The figures of a run nothing disturbed: a fresh workspace over the same data, <c>once</c> for each date.</summary>
    public static async Task<IReadOnlyList<StoredSnapshotRow>> CleanSnapshotsAsync(params string[] dates)
    {
        using var clean = Create();
        foreach (var date in dates)
        {
            (await clean.RunAsync("once", "--date", date)).ShouldSucceed();
        }

        return WithoutComputedAt(clean.Store.Snapshots());
    }

    public static IReadOnlyList<StoredSnapshotRow> WithoutComputedAt(IEnumerable<StoredSnapshotRow> rows) => [.. rows.Select(r => r with { ComputedAt = null })];

    /// <summary>
    /// No partial snapshot is visible: every snapshot date holds every period, and every scope of a date and period
    /// holds all nine indicators (store.md: a missing row means "not computed", never zero).
    /// </summary>
    public static void SnapshotDatesShouldBeComplete(ProvinceWorkspace workspace, string context)
    {
        foreach (var date in workspace.Store.Snapshots().GroupBy(s => s.SnapshotDate))
        {
            date.Select(s => s.Period).Distinct().Order(StringComparer.Ordinal).ToList().ShouldBe([Kpi.Day, Kpi.Mtd, Kpi.Ytd], $"{date.Key}: {context}");
            foreach (var scope in date.GroupBy(s => (s.Period, s.Scope, s.ScopeId)))
            {
                scope.Select(s => s.Indicator).Order(StringComparer.Ordinal).ToList().ShouldBe(Kpi.Indicators.Order(StringComparer.Ordinal).ToList(), $"{date.Key} {scope.Key}: {context}");
            }
        }
    }

    public static Dictionary<string, string> PauseAt(string checkpoint, string gate) =>
        new() { [FaultInjectionTestHook.PauseVariable] = $"{checkpoint}:{gate}" };

    public static SqliteConnection OpenSource(ProvinceWorkspace workspace)
    {
        var connection = new SqliteConnection($"Data Source={workspace.SourcePath};Pooling=False");
        connection.Open();
        return connection;
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static string Watermark(ProvinceWorkspace workspace) =>
        string.Join("", StoreImage.Lines(workspace.StorePath, "SELECT value FROM kpi_state WHERE name = 'watermark:src_dossier'"));

    /// <summary>
    /// True while a thread of process <paramref name="pid"/> sleeps in nanosleep, which in kpi-ingest only SQLite's busy
    /// handler does (waiting for a lock); .NET's own waits are futex and epoll waits, and so is the fault hook's pause.
    /// Linux only: /proc/PID/task/TID/wchan names the kernel function a thread waits in.
    /// </summary>
    public static bool IsWaitingForALock(int pid) =>
        Directory.GetDirectories($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/task")
            .Any(task => File.Exists(Path.Combine(task, "wchan"))
                && File.ReadAllText(Path.Combine(task, "wchan")).Contains("nanosleep", StringComparison.Ordinal));
}
