using System.Text.Json.Nodes;
using KpiIngest.IntegrationTests.Infrastructure;
using KpiIngest.Worker;
using KpiIngest.Worker.Pipeline;
using Microsoft.Data.Sqlite;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Faults;

/// <summary>
/// Issue 6, "Outages", on SQLite files: the source locked by another process in the middle of a run, emptied or
/// removed under it, and the store read by BI in a long transaction. Each run is the real CLI, paused by the fault
/// hook right after its first page of dossiers committed (<see cref="OutageProvince.AfterFirstPage"/>) while the test
/// breaks the source, then let go. Outcomes are checked against a run nothing disturbed, on the same data.
/// </summary>
public sealed class SqliteOutageTests
{
    private static readonly TimeSpan ExitWithin = TimeSpan.FromMinutes(3);

    /// <summary>
    /// Another process holds an exclusive transaction on the source file while the run wants its next page: the run
    /// waits for the lock (SQLite's busy handler, seen sleeping in /proc) instead of failing, and once the lock is
    /// released it finishes with the figures of an undisturbed run.
    /// </summary>
    [Fact]
    public async Task Once_SourceLockedMidRunThenReleased_WaitsAndEndsWithTheFiguresOfACleanRun()
    {
        SkipUnlessLinux();
        using var workspace = OutageProvince.Create();
        var gate = Path.Combine(workspace.Root, "paused");
        await using var run = workspace.Start(OutageProvince.PauseAt(OutageProvince.AfterFirstPage, gate), "once", "--date", OutageProvince.Date);
        await Eventually.Until(() => File.Exists(gate), "the run to pause after its first page", context: run.Describe);

        using (var holder = OutageProvince.OpenSource(workspace))
        {
            OutageProvince.Execute(holder, "BEGIN EXCLUSIVE");
            File.Delete(gate);
            await Eventually.Until(() => OutageProvince.IsWaitingForALock(run.Id), "the run to wait for the source lock", context: run.Describe);
            OutageProvince.Execute(holder, "ROLLBACK");
        }

        var result = (await run.WaitForExitAsync(ExitWithin)).ShouldSucceed();
        workspace.Store.LatestRun().Status.ShouldBe("SUCCEEDED", result.Describe());
        OutageProvince.WithoutComputedAt(workspace.Store.Snapshots())
            .ShouldBe(await OutageProvince.CleanSnapshotsAsync(OutageProvince.Date), result.Describe());
    }

    /// <summary>
    /// The source file emptied while the run reads it (a restore gone wrong, a disk fault): the next page fails, the
    /// run is recorded FAILED with the reason and exits 1; the first page stays committed with its watermark, no
    /// snapshot of the date exists at all; once the file is restored, the next run ends with the clean figures.
    /// </summary>
    [Fact]
    public async Task Once_SourceEmptiedMidRun_FailedWithTheReasonNoSnapshotThenRecoversWhenRestored()
    {
        SkipUnlessLinux();
        using var workspace = OutageProvince.Create();
        var backup = workspace.SourcePath + ".bak";
        File.Copy(workspace.SourcePath, backup);
        var gate = Path.Combine(workspace.Root, "paused");
        await using var run = workspace.Start(OutageProvince.PauseAt(OutageProvince.AfterFirstPage, gate), "once", "--date", OutageProvince.Date);
        await Eventually.Until(() => File.Exists(gate), "the run to pause after its first page", context: run.Describe);

        await File.WriteAllBytesAsync(workspace.SourcePath, [], TestContext.Current.CancellationToken);
        File.Delete(gate);

        var failed = (await run.WaitForExitAsync(ExitWithin)).ShouldExitWith(1);
        var record = workspace.Store.LatestRun();
        record.Status.ShouldBe("FAILED", failed.Describe());
        record.Error.ShouldNotBeNull().ShouldContain("source", Case.Insensitive, failed.Describe());
        record.Error.ShouldContain("no such table: src_dossier", Case.Sensitive, failed.Describe());
        workspace.Store.Snapshots().ShouldBeEmpty("no snapshot of a run that failed while ingesting");
        OutageProvince.Watermark(workspace).ShouldBe("2024-04-30 09:01:39", "the first page (D000..D099) committed with its watermark");

        File.Copy(backup, workspace.SourcePath, overwrite: true);
        var recovered = (await workspace.RunAsync("once", "--date", OutageProvince.Date)).ShouldSucceed();
        OutageProvince.WithoutComputedAt(workspace.Store.Snapshots())
            .ShouldBe(await OutageProvince.CleanSnapshotsAsync(OutageProvince.Date), recovered.Describe());
    }

    /// <summary>
    /// The source file removed while a run reads it: on Linux the run keeps reading the file it opened (an unlinked
    /// file lives on while open) and ends with the figures of the data it had. The next run cannot open it: exit 1,
    /// FAILED with the reason, its date has no snapshot while the earlier date stays complete and unchanged, the
    /// watermark does not move. Restored, the next run recovers to the figures of an undisturbed pair of runs.
    /// </summary>
    [Fact]
    public async Task Once_SourceRemovedMidRunThenAbsent_NextRunFailedWithTheReasonNoPartialSnapshotThenRecovers()
    {
        SkipUnlessLinux();
        using var workspace = OutageProvince.Create();
        var backup = workspace.SourcePath + ".bak";
        File.Copy(workspace.SourcePath, backup);
        var gate = Path.Combine(workspace.Root, "paused");
        await using (var run = workspace.Start(OutageProvince.PauseAt(OutageProvince.AfterFirstPage, gate), "once", "--date", OutageProvince.Date))
        {
            await Eventually.Until(() => File.Exists(gate), "the run to pause after its first page", context: run.Describe);
            File.Delete(workspace.SourcePath);
            File.Delete(gate);
            (await run.WaitForExitAsync(ExitWithin)).ShouldSucceed();
        }

        var cleanFirstDate = await OutageProvince.CleanSnapshotsAsync(OutageProvince.Date);
        OutageProvince.WithoutComputedAt(workspace.Store.Snapshots()).ShouldBe(cleanFirstDate);
        var watermark = OutageProvince.Watermark(workspace);

        var failed = (await workspace.RunAsync("once", "--date", OutageProvince.NextDate)).ShouldExitWith(1);
        var record = workspace.Store.LatestRun();
        record.Status.ShouldBe("FAILED", failed.Describe());
        record.Error.ShouldNotBeNull().ShouldContain("source", Case.Insensitive, failed.Describe());
        record.Error.ShouldContain("unable to open database file", Case.Sensitive, failed.Describe());
        workspace.Store.Snapshots(OutageProvince.NextDate).ShouldBeEmpty("the failed run wrote no snapshot");
        OutageProvince.WithoutComputedAt(workspace.Store.Snapshots()).ShouldBe(cleanFirstDate, "the earlier date stays as it was");
        OutageProvince.SnapshotDatesShouldBeComplete(workspace, failed.Describe());
        OutageProvince.Watermark(workspace).ShouldBe(watermark);

        File.Copy(backup, workspace.SourcePath);
        var recovered = (await workspace.RunAsync("once", "--date", OutageProvince.NextDate)).ShouldSucceed();
        OutageProvince.WithoutComputedAt(workspace.Store.Snapshots())
            .ShouldBe(await OutageProvince.CleanSnapshotsAsync(OutageProvince.Date, OutageProvince.NextDate), recovered.Describe());
    }

    /// <summary>
    /// A BI reader holds a long read transaction on the store while a run writes: WAL lets the run proceed and
    /// succeed, the reader keeps its consistent view (it does not see the new date until it ends its transaction),
    /// then sees the whole new date; the store passes integrity_check.
    /// </summary>
    [Fact]
    public async Task Once_StoreInLongBiReadTransaction_RunProceedsAndTheReaderKeepsItsView()
    {
        using var workspace = OutageProvince.Create();
        (await workspace.RunAsync("once", "--date", OutageProvince.Date)).ShouldSucceed();

        using var bi = new SqliteConnection($"Data Source={workspace.StorePath};Pooling=False");
        bi.Open();
        OutageProvince.Execute(bi, "BEGIN");
        Count(bi, OutageProvince.NextDate).ShouldBe(0);
        var before = Count(bi, OutageProvince.Date);

        var result = (await workspace.RunAsync("once", "--date", OutageProvince.NextDate)).ShouldSucceed();

        Count(bi, OutageProvince.NextDate).ShouldBe(0, "inside its transaction the reader keeps the view it began with");
        Count(bi, OutageProvince.Date).ShouldBe(before);
        OutageProvince.Execute(bi, "COMMIT");
        Count(bi, OutageProvince.NextDate).ShouldBe(workspace.Store.Snapshots(OutageProvince.NextDate).Count, result.Describe());
        Count(bi, OutageProvince.NextDate).ShouldBeGreaterThan(0);
        FaultProvince.IntegrityCheck(workspace.StorePath).ShouldBe("ok");
        OutageProvince.WithoutComputedAt(workspace.Store.Snapshots())
            .ShouldBe(await OutageProvince.CleanSnapshotsAsync(OutageProvince.Date, OutageProvince.NextDate));
    }

    /// <summary>
    /// The run's own lease renewal (another connection, committing every third of Service:Lease:Expiry) lands between
    /// two snapshot dates of a backfill, as it does whenever the snapshot phase outlasts a renewal period (a slow or
    /// loaded machine, a long backfill): the next date's write transaction still starts, and the backfill ends with
    /// the figures of a backfill nothing disturbed. The run is paused after its first date committed until the store
    /// shows the renewal, so the interleaving is certain, not a matter of timing.
    /// </summary>
    [Fact]
    public async Task Backfill_RunLeaseRenewedBetweenTwoSnapshotDates_SucceedsWithTheFiguresOfACleanBackfill()
    {
        string[] backfill = ["backfill", "--from", "2024-04-01", "--to", OutageProvince.Date];
        using var workspace = OutageProvince.Create();
        workspace.Configure(new JsonObject { ["Service"] = new JsonObject { ["Lease"] = new JsonObject { ["Expiry"] = "00:00:10" } } });
        var gate = Path.Combine(workspace.Root, "paused");
        CliResult result;
        await using (var run = workspace.Start(OutageProvince.PauseAt(FaultInjectionTestHook.Snapshot + ":2", gate), backfill))
        {
            await Eventually.Until(() => File.Exists(gate), "the run to pause after its first snapshot date committed", context: run.Describe);
            await Eventually.Until(
                () => StoreImage.Lines(workspace.StorePath, "SELECT renewed_at > acquired_at FROM kpi_lease") is ["1"],
                "the run lease to be renewed while the run is paused", context: run.Describe);
            File.Delete(gate);
            result = (await run.WaitForExitAsync(ExitWithin)).ShouldSucceed();
        }

        using var clean = OutageProvince.Create();
        (await clean.RunAsync(backfill)).ShouldSucceed();
        OutageProvince.WithoutComputedAt(workspace.Store.Snapshots())
            .ShouldBe(OutageProvince.WithoutComputedAt(clean.Store.Snapshots()), result.Describe());
    }

    /// <summary>
    /// A lock held through the whole run outlasts SQLite's 30-second busy wait and every Polly retry (three, with
    /// exponential backoff and jitter): the run is recorded FAILED naming the lock, exits 1, and the next run after the
    /// lock is released ends with the clean figures. About two minutes, so only in the full fault suite.
    /// </summary>
    [Fact]
    public async Task Once_SourceLockedThroughEveryRetry_FailedNamingTheLockThenTheNextRunRecovers()
    {
        SkipUnlessLinux();
        if (!CrashReference.IsFullRun)
        {
            Assert.Skip(
                $"Waits out four 30-second SQLite busy waits (about two minutes): runs in the full fault suite, " +
                $"{CrashReference.PointsVariable}={CrashReference.FullPointCount} or more (README, Tests).");
        }

        using var workspace = OutageProvince.Create();
        CliResult failed;
        using (var holder = OutageProvince.OpenSource(workspace))
        {
            OutageProvince.Execute(holder, "BEGIN EXCLUSIVE");
            await using var run = workspace.Start("once", "--date", OutageProvince.Date);
            await Eventually.Until(() => OutageProvince.IsWaitingForALock(run.Id), "the run to wait for the source lock", context: run.Describe);
            failed = (await run.WaitForExitAsync(ExitWithin)).ShouldExitWith(1);
            OutageProvince.Execute(holder, "ROLLBACK");
        }

        var record = workspace.Store.LatestRun();
        record.Status.ShouldBe("FAILED", failed.Describe());
        record.Error.ShouldNotBeNull().ShouldContain("database is locked", Case.Sensitive, failed.Describe());
        workspace.Store.Snapshots().ShouldBeEmpty();

        var recovered = (await workspace.RunAsync("once", "--date", OutageProvince.Date)).ShouldSucceed();
        OutageProvince.WithoutComputedAt(workspace.Store.Snapshots())
            .ShouldBe(await OutageProvince.CleanSnapshotsAsync(OutageProvince.Date), recovered.Describe());
    }

    private static long Count(SqliteConnection connection, string date)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM kpi_snapshot WHERE snapshot_date = $date";
        command.Parameters.AddWithValue("$date", date);
        return (long)command.ExecuteScalar()!;
    }

    private static void SkipUnlessLinux()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("Needs Linux: it watches the run wait for a lock in /proc, and removes a file another process has open.");
        }
    }
}
