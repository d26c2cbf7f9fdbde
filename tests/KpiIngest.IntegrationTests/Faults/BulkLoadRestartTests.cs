using KpiIngest.Data.Store;
using KpiIngest.IntegrationTests.Infrastructure;
using KpiIngest.Worker;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Faults;

/// <summary>
/// A first ingest is a bulk load: its transactions commit facts without daily pairs, which the store rebuilds from the
/// facts at the end. Killed between the two, the store says the rebuild is pending, and the next run finishes it: the
/// store ends where an uninterrupted run ends.
/// </summary>
public sealed class BulkLoadRestartTests : IDisposable
{
    private const int KilledExitCode = 137;

    // Ingest checkpoints of a first backfill: dimensions before commit (1) and committed (2), then the first page
    // transaction before commit (3) and committed (4).
    private const int FirstFactsCommitted = 4;

    private readonly FaultProvince _province = new();

    public void Dispose() => _province.Dispose();

    [Fact]
    public async Task Backfill_KilledAfterTheFirstFactsCommitted_LeavesTheRebuildPendingAndTheNextRunEndsLikeAnUninterruptedOne()
    {
        using var reference = _province.CreateWorkspace(_province.SourceA);
        (await reference.RunAsync(_province.StepA)).ShouldSucceed();
        var expected = StoreImage.Read(reference.StorePath);
        expected.DailyPairs.ShouldNotBeEmpty();

        using var workspace = _province.CreateWorkspace(_province.SourceA);
        var killed = await workspace.RunAsync(
            new Dictionary<string, string> { [FaultInjectionTestHook.KillVariable] = $"{FaultInjectionTestHook.Ingest}:{FirstFactsCommitted}" },
            _province.StepA);
        killed.ExitCode.ShouldBe(KilledExitCode, killed.Describe());
        StoreImage.Lines(workspace.StorePath, "SELECT dossier_id FROM kpi_dossier_fact").ShouldNotBeEmpty("the first transaction's facts committed");
        StoreImage.Lines(workspace.StorePath, "SELECT day FROM kpi_daily_pair").ShouldBeEmpty("a bulk load writes no daily pair before its end");
        StoreImage.Lines(workspace.StorePath, $"SELECT value FROM kpi_state WHERE name = '{StateStore.DailyPairsRebuildPending}'")
            .ShouldBe(["1"], "the pending rebuild is committed with the facts");
        FaultProvince.ExpireLeaseOfDeadHolder(workspace.StorePath);

        (await workspace.RunAsync(_province.StepA)).ShouldSucceed();

        StoreImage.Read(workspace.StorePath).ShouldEqual(expected, killed.Describe());
        StoreImage.Lines(workspace.StorePath, $"SELECT value FROM kpi_state WHERE name = '{StateStore.DailyPairsRebuildPending}' AND value IS NOT NULL")
            .ShouldBeEmpty("the rebuild is no longer pending");
    }
}
