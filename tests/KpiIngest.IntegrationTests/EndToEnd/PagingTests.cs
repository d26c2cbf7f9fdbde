using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.EndToEnd;

/// <summary>
/// Reading across pages (Source:BatchSize): source-contract.md says a row met again in a later batch of the same
/// poll, because it changed meanwhile, is not a duplicate and its latest version wins; it must count once.
/// </summary>
public sealed class PagingTests
{
    /// <param name="transactionRows">100: each page commits on its own; 20000: both pages share one transaction.</param>
    [Theory]
    [InlineData(100)]
    [InlineData(20_000)]
    public async Task FirstIngest_SameDossierInTwoPagesWithDifferentUpdatedAt_CountsOnceWithItsLatestVersion(int transactionRows)
    {
        using var workspace = new ProvinceWorkspace(new SourceShape { DossierIdIsPrimaryKey = false });
        workspace.Configure($$"""{ "Source": { "BatchSize": 100, "TransactionRows": {{transactionRows}} } }""");
        workspace.AddUnits(new UnitRow("U1", "Sở Tư pháp", 1));
        workspace.AddProcedures(new ProcedureRow("U1", "P1", 4));

        // 150 filler dossiers, in person, updated one second apart from 08:00:00.
        workspace.AddDossiers(Enumerable.Range(0, 150).Select(i =>
            new DossierRow($"F{i:000}", "U1", "P1") { UpdatedAt = $"2024-05-01 08:{i / 60:00}:{i % 60:00}" }));

        // X is on page 1 as an in-person dossier, and on page 2 as the online dossier it became.
        workspace.AddDossiers(
            new DossierRow("X", "U1", "P1") { UpdatedAt = "2024-05-01 07:59:00" },
            new DossierRow("X", "U1", "P1") { Channel = 2, UpdatedAt = "2024-05-01 09:00:00" });

        (await workspace.RunAsync("once", "--date", "2024-04-30")).ShouldSucceed();

        var online = workspace.Store.Snapshots("2024-04-30", "MTD")
            .Single(r => r.Scope == "PROVINCE" && r.Indicator == "ONLINE_DOSSIER");
        online.Denominator.ShouldBe(151, "150 fillers and X, once");
        online.Numerator.ShouldBe(1, "X's latest version is online");
        workspace.Store.LatestRun().DossiersRead.ShouldBe(152);
        workspace.Store.ActiveQuarantine().ShouldBeEmpty();
    }

    /// <summary>
    /// A first ingest reads the source in one scan, in its own order (here the order rows were inserted), not by
    /// updated_at: a dossier whose copies fall in two of its pages is read again by key once the scan ends, and ends as a
    /// read in updated_at order ends: with different updated_at the latest copy counts, whichever the scan met first; with
    /// the same updated_at both copies are duplicates in one result set, quarantined.
    /// </summary>
    [Theory]
    [InlineData("2024-05-01 09:00:00", "2024-05-01 07:59:00", 1, false)] // the newer copy first, the older one a page later
    [InlineData("2024-05-01 07:59:00", "2024-05-01 09:00:00", 0, false)] // the older copy first: the in-person one is the latest
    [InlineData("2024-05-01 09:00:00", "2024-05-01 09:00:00", 0, true)] // one updated_at: duplicates
    public async Task FirstIngest_SameDossierInTwoPagesOfTheScan_EndsAsAReadInUpdatedAtOrder(
        string onlineCopyUpdatedAt, string inPersonCopyUpdatedAt, int online, bool quarantined)
    {
        using var workspace = new ProvinceWorkspace(new SourceShape { DossierIdIsPrimaryKey = false });
        workspace.Configure("""{ "Source": { "BatchSize": 100 } }""");
        workspace.AddUnits(new UnitRow("U1", "Sở Tư pháp", 1));
        workspace.AddProcedures(new ProcedureRow("U1", "P1", 4));

        // X online first in the table, 150 fillers, then X in person: the two copies are 151 rows apart, in two pages.
        workspace.AddDossiers(new DossierRow("X", "U1", "P1") { Channel = 2, UpdatedAt = onlineCopyUpdatedAt });
        workspace.AddDossiers(Enumerable.Range(0, 150).Select(i =>
            new DossierRow($"F{i:000}", "U1", "P1") { UpdatedAt = $"2024-05-01 08:{i / 60:00}:{i % 60:00}" }));
        workspace.AddDossiers(new DossierRow("X", "U1", "P1") { UpdatedAt = inPersonCopyUpdatedAt });

        (await workspace.RunAsync("once", "--date", "2024-04-30")).ShouldSucceed();

        var row = workspace.Store.Snapshots("2024-04-30", "MTD").Single(r => r.Scope == "PROVINCE" && r.Indicator == "ONLINE_DOSSIER");
        row.Numerator.ShouldBe(online);
        row.Denominator.ShouldBe(quarantined ? 150 : 151);
        workspace.Store.ActiveQuarantine().Select(q => (q.RecordKey, q.Reason.Contains("duplicate", StringComparison.Ordinal)))
            .ShouldBe(quarantined ? [("X", true)] : []);
    }
}
