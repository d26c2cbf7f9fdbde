using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;
using static KpiIngest.IntegrationTests.Infrastructure.Kpi;

namespace KpiIngest.IntegrationTests.EndToEnd;

/// <summary>
/// source-contract.md, "Changes and deletions": a poll reads rows whose updated_at is at or after the last watermark
/// minus the overlap (10 minutes); a reconciliation applies deletions. One unit, SO-TP (level 1), with
/// P1 (online_mode 4, fee, online payment, needs a result) and P2 (online_mode 3, no fee, no result).
/// updated_at values are set relative to now (source-local), so the watermark rule holds whether the CLI keeps the
/// highest updated_at it read or its own clock. The source is SQLite here; subclasses run the same tests against
/// other engines (<see cref="CreateWorkspace"/>).
/// </summary>
public class IncrementalTests
{
    private const string Date = "2024-04-30";
    private const string MonthStart = "2024-04-01";

    private static readonly Dictionary<string, int> Levels = new() { ["SO-TP"] = 1 };

    [Fact]
    public async Task Once_AfterAddsAndChanges_FiguresReflectThemAndOnlyChangedRowsAreRead()
    {
        using var workspace = CreateWorkspace();
        var longAgo = ProvinceClock.NowPlus(TimeSpan.FromDays(-3));
        var watermark = ProvinceClock.NowPlus(TimeSpan.FromDays(-2)); // the newest row of the first run: C02
        var (untouched, c01, c02) = SeedInitial(workspace, longAgo, watermark);

        (await workspace.RunAsync("once", "--date", Date)).ShouldSucceed();
        workspace.Store.LatestRun().DossiersRead.ShouldBe(6); // I01-I04, C01, C02
        SnapshotAssert.ShouldMatch(workspace.Store.Snapshots(Date, Mtd), Date, Mtd, MonthStart, Levels,
        [
            F(Province, "", OnlineDossier, 1, 6, 16.67m, false),       // I02 of 6 received
            F(Province, "", Digitized, 0, 6, 0.00m, false),
            F(Province, "", EResult, 0, 0, null, null),                // nothing resolved yet
            F(Province, "", OnlineServiceUsed, 1, 2, 50.00m, false),   // P1 used (I02), P2 not
            F(Province, "", FullOnlineDossier, 1, 3, 33.33m, null),    // P1: I01, I02, C01; online I02
        ]);

        // Changes and additions are stamped now: two days after the watermark, far beyond the 10-minute overlap,
        // while I01-I04 keep their updated_at of three days ago.
        var now = ProvinceClock.Now();
        workspace.UpdateDossier(c01 with { Status = 10, ResolvedAt = "2024-04-18 10:00:00", EResult = 1, UpdatedAt = now });
        workspace.UpdateDossier(c02 with { Channel = 2, Digitized = 1, UpdatedAt = now });
        workspace.AddDossiers(
            new DossierRow("A01", "SO-TP", "P1") { Channel = 2, ReceivedAt = "2024-04-20 08:00:00", Digitized = 1, UpdatedAt = now },
            new DossierRow("A02", "SO-TP", "P1")
            {
                Channel = 2, Status = 10, ReceivedAt = "2024-04-21 08:00:00", DueAt = "2024-04-25 17:00:00",
                ResolvedAt = "2024-04-24 10:00:00", Digitized = 1, UpdatedAt = now,
            },
            new DossierRow("A03", "SO-TP", "P2") { Status = 3, ReceivedAt = "2024-04-22 08:00:00", UpdatedAt = now });

        (await workspace.RunAsync("once", "--date", Date)).ShouldSucceed();

        var second = workspace.Store.LatestRun();
        second.Status.ShouldBe("SUCCEEDED");
        second.DossiersRead.ShouldBe(5, $"C01, C02 changed and A01-A03 added; {string.Join(", ", untouched)} untouched");
        SnapshotAssert.ShouldMatch(workspace.Store.Snapshots(Date, Mtd), Date, Mtd, MonthStart, Levels,
        [
            F(Province, "", OnlineDossier, 4, 8, 50.00m, true),        // I02, C02 (now online), A01, A02 of 6 + A01, A02
                                                                       // (A03 refused); 400 >= 50 x 8
            F(Province, "", Digitized, 3, 8, 37.50m, false),           // C02, A01, A02
            F(Province, "", EResult, 1, 2, 50.00m, false),             // resolved C01 (e-result), A02 (none); both P1
            F(Province, "", OnTime, 2, 2, 100.00m, null),              // C01 18 <= 20 Apr, A02 24 <= 25 Apr
            F(Province, "", OnlineServiceUsed, 2, 2, 100.00m, true),   // P2 now used through C02
            F(Province, "", FullOnlineDossier, 3, 5, 60.00m, null),    // P1: I01, I02, C01, A01, A02; online I02, A01, A02
            F(Unit, "SO-TP", OnlineDossier, 4, 8, 50.00m, true),
        ]);
    }

    [Fact]
    public async Task Once_RowCommittedLateWithinOverlap_IsStillPickedUp()
    {
        using var workspace = CreateWorkspace();
        var newest = ProvinceClock.NowPlus(TimeSpan.FromMinutes(-1));
        SeedInitial(workspace, ProvinceClock.NowPlus(TimeSpan.FromDays(-3)), newest);
        (await workspace.RunAsync("once", "--date", Date)).ShouldSucceed();

        // Committed after the first run but stamped 5 minutes before its newest row: inside the 10-minute overlap.
        var lateStamp = ProvinceClock.NowPlus(TimeSpan.FromMinutes(-6));
        workspace.AddDossiers(new DossierRow("L01", "SO-TP", "P1") { Channel = 2, ReceivedAt = "2024-04-25 08:00:00", UpdatedAt = lateStamp });
        (await workspace.RunAsync("once", "--date", Date)).ShouldSucceed();

        SnapshotAssert.ShouldMatch(workspace.Store.Snapshots(Date, Mtd), Date, Mtd, MonthStart, Levels,
        [
            F(Province, "", OnlineDossier, 2, 7, 28.57m, false),       // I02, L01 of 6 + L01; 2/7 = 28.571
        ]);
    }

    [Fact]
    public async Task Reconcile_AfterSourceRowDeleted_LaterSnapshotNoLongerCountsIt()
    {
        using var workspace = CreateWorkspace();
        SeedInitial(workspace, ProvinceClock.NowPlus(TimeSpan.FromDays(-3)), ProvinceClock.NowPlus(TimeSpan.FromDays(-2)));
        (await workspace.RunAsync("once", "--date", Date)).ShouldSucceed();

        workspace.DeleteDossier("I02"); // the only online dossier; a poll cannot see a deletion
        (await workspace.RunAsync("reconcile")).ShouldSucceed();
        var reconcile = workspace.Store.LatestRun();
        reconcile.Kind.ShouldBe("reconcile");
        reconcile.Status.ShouldBe("SUCCEEDED");

        // April 2024 is outside the restatement horizon, so ask for that date again explicitly.
        (await workspace.RunAsync("once", "--date", Date)).ShouldSucceed();
        SnapshotAssert.ShouldMatch(workspace.Store.Snapshots(Date, Mtd), Date, Mtd, MonthStart, Levels,
        [
            F(Province, "", OnlineDossier, 0, 5, 0.00m, false),        // I01, I03, I04, C01, C02, none online
            F(Province, "", OnlineServiceUsed, 0, 2, 0.00m, false),
            F(Province, "", FullOnlineDossier, 0, 2, 0.00m, null),     // P1: I01, C01
        ]);
    }

    protected virtual ProvinceWorkspace CreateWorkspace() => new();

    /// <summary>
    /// Six dossiers received in April 2024: I01 (P1, in person), I02 (P1, online), I03 and I04 (P2, in person),
    /// C01 (P1, in person, processing, due 20 April) stamped <paramref name="old"/>, and C02 (P2, in person), the newest
    /// row, stamped <paramref name="newest"/>.
    /// </summary>
    private static (string[] Untouched, DossierRow C01, DossierRow C02) SeedInitial(ProvinceWorkspace workspace, string old, string newest)
    {
        workspace.AddUnits(new UnitRow("SO-TP", "Sở Tư pháp", 1));
        workspace.AddProcedures(
            new ProcedureRow("SO-TP", "P1", 4) { HasFee = 1, OnlinePayment = 1, RequiresResult = 1 },
            new ProcedureRow("SO-TP", "P2", 3) { HasFee = 0, OnlinePayment = 0, RequiresResult = 0 });
        var c01 = new DossierRow("C01", "SO-TP", "P1")
        {
            Status = 4, ReceivedAt = "2024-04-14 08:00:00", DueAt = "2024-04-20 17:00:00", UpdatedAt = old,
        };
        var c02 = new DossierRow("C02", "SO-TP", "P2") { ReceivedAt = "2024-04-15 08:00:00", UpdatedAt = newest };
        workspace.AddDossiers(
            new DossierRow("I01", "SO-TP", "P1") { ReceivedAt = "2024-04-10 08:00:00", UpdatedAt = old },
            new DossierRow("I02", "SO-TP", "P1") { Channel = 2, ReceivedAt = "2024-04-11 08:00:00", UpdatedAt = old },
            new DossierRow("I03", "SO-TP", "P2") { ReceivedAt = "2024-04-12 08:00:00", UpdatedAt = old },
            new DossierRow("I04", "SO-TP", "P2") { Status = 4, ReceivedAt = "2024-04-13 08:00:00", UpdatedAt = old },
            c01,
            c02);
        return (["I01", "I02", "I03", "I04"], c01, c02);
    }

    private static Figure F(string scope, string scopeId, string indicator, long n, long d, decimal? ratio, bool? met) =>
        Figure.BuiltIn(scope, scopeId, indicator, n, d, ratio, met);
}
