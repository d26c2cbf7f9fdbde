using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using KpiIngest.IntegrationTests.Infrastructure;
using KpiIngest.IntegrationTests.Providers;
using Npgsql;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Faults;

/// <summary>
/// A PostgreSQL cluster of <see cref="PostgreSqlOutageTests"/>' own, which they stop and start again. The suite's
/// shared server (an assembly fixture) is used by other classes in parallel and must never go down under them; this
/// one is a class fixture, so only that class's tests, which run one at a time, ever see it.
/// </summary>
public sealed class OutagePostgreSqlServer : IAsyncDisposable
{
    public PostgreSqlServer Server { get; } = PostgreSqlServer.StoppableCluster();

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}

/// <summary>
/// Issue 6, "Outages", against a real server: the source on PostgreSQL (contract tables with local-time timestamps;
/// the store stays SQLite), the server stopped and started again by the test. The province is
/// <see cref="OutageProvince"/>'s, so the figures of an undisturbed run are those of the same data on SQLite.
/// Retry delays are kept short, or the retry window long, with Source:Retry, as an operator would set them; nothing
/// waits for a fixed time. Skipped, with the reason printed, where the PostgreSQL binaries are missing.
/// </summary>
public sealed class PostgreSqlOutageTests(OutagePostgreSqlServer postgres) : IClassFixture<OutagePostgreSqlServer>
{
    private const string Password = "Outage-Pa55word";

    private static readonly TimeSpan ExitWithin = TimeSpan.FromMinutes(3);

    /// <summary>Dossiers received and updated on the next date, for the run the outage hits.</summary>
    private static readonly DossierRow[] NextDayDossiers =
    [
        .. Enumerable.Range(0, 12).Select(i => new DossierRow($"N{i:D2}", i % 2 == 0 ? "X-A" : "SO-TP", "P1")
        {
            Channel = i % 3 == 0 ? 1 : 2,
            Status = 4,
            ReceivedAt = $"{OutageProvince.NextDate} 08:{i:D2}:00",
            DueAt = $"{OutageProvince.NextDate} 17:00:00",
            UpdatedAt = $"{OutageProvince.NextDate} 09:00:{i:D2}",
        }),
    ];

    /// <summary>
    /// The server is down when a run starts: the run exits 1 (operations.md: a failed run), kpi_run says FAILED with
    /// a reason naming the source and not the password, nothing of the new date is written and the watermark stays;
    /// once the server is up again the next run succeeds by itself, with the figures of runs no outage disturbed.
    /// </summary>
    [Fact]
    public async Task Once_ServerDownWhenTheRunStarts_FailedNamingTheSourceNothingWrittenThenTheNextRunRecovers()
    {
        using var workspace = CreateWorkspace();
        workspace.Configure(new JsonObject
        {
            ["Source"] = new JsonObject
            {
                ["ConnectionString"] = $"{workspace.Source.ConnectionString};Password={Password}",
                ["Retry"] = ShortRetries(),
            },
        });
        (await workspace.RunAsync("once", "--date", OutageProvince.Date)).ShouldSucceed();
        var published = OutageProvince.WithoutComputedAt(workspace.Store.Snapshots());
        var watermark = OutageProvince.Watermark(workspace);
        workspace.AddDossiers(NextDayDossiers);

        CliResult failed;
        postgres.Server.Stop(immediate: false);
        try
        {
            failed = (await workspace.RunAsync("once", "--date", OutageProvince.NextDate)).ShouldExitWith(1);
        }
        finally
        {
            postgres.Server.StartAgain();
        }

        var record = workspace.Store.LatestRun();
        record.Status.ShouldBe("FAILED", failed.Describe());
        record.Error.ShouldNotBeNull().ShouldStartWith("Opening the source (Source:ConnectionString) failed", Case.Sensitive, failed.Describe());
        record.Error.ShouldNotContain(Password, Case.Insensitive);
        failed.Output.ShouldNotContain(Password, Case.Insensitive);
        workspace.Store.Snapshots(OutageProvince.NextDate).ShouldBeEmpty("the failed run wrote no snapshot of its date");
        OutageProvince.WithoutComputedAt(workspace.Store.Snapshots()).ShouldBe(published, "the earlier date stays as published");
        OutageProvince.Watermark(workspace).ShouldBe(watermark, "the watermark does not move");

        var recovered = (await workspace.RunAsync("once", "--date", OutageProvince.NextDate)).ShouldSucceed();
        OutageProvince.WithoutComputedAt(workspace.Store.Snapshots()).ShouldBe(await UninterruptedSnapshotsAsync(), recovered.Describe());
    }

    /// <summary>
    /// The server goes down (immediate shutdown: every session cut) after the run committed its first page, and comes
    /// back while the run is still retrying the next page: the dropped session is opened again, the run goes on and
    /// succeeds with the figures of an undisturbed run. The server is started only once the run has logged a failed
    /// attempt, so the retry is what brings it through.
    /// </summary>
    [Fact]
    public async Task Once_ServerStoppedMidReadAndBackWithinTheRetries_RetriesAndEndsWithTheFiguresOfACleanRun()
    {
        SkipUnlessLinux();
        using var workspace = CreateWorkspace();

        // About four minutes of retries (1, 2, 4 ... 128 s with jitter): ample for pg_ctl start on a loaded machine.
        workspace.Configure(new JsonObject
        {
            ["Source"] = new JsonObject { ["Retry"] = new JsonObject { ["MaxRetries"] = 8, ["Delay"] = "00:00:01" } },
        });
        var gate = Path.Combine(workspace.Root, "paused");
        CliResult result;
        await using (var run = workspace.Start(OutageProvince.PauseAt(OutageProvince.AfterFirstPage, gate), "once", "--date", OutageProvince.Date))
        {
            await Eventually.Until(() => File.Exists(gate), "the run to pause after its first page", context: run.Describe);
            postgres.Server.Stop(immediate: true);
            try
            {
                File.Delete(gate);
                await run.WaitForLogAsync("The source call failed (attempt 1 of 9), retrying");
            }
            finally
            {
                postgres.Server.StartAgain();
            }

            result = (await run.WaitForExitAsync(ExitWithin)).ShouldSucceed();
        }

        workspace.Store.LatestRun().Status.ShouldBe("SUCCEEDED", result.Describe());
        OutageProvince.WithoutComputedAt(workspace.Store.Snapshots())
            .ShouldBe(await OutageProvince.CleanSnapshotsAsync(OutageProvince.Date), result.Describe());
    }

    /// <summary>
    /// The server goes down after the run committed its first page and stays down through every retry: the run exits
    /// 1, FAILED with the reason naming the source, no snapshot of the date exists, the first page stays committed
    /// with its watermark. Once the server is back, the next run repairs the rest by itself.
    /// </summary>
    [Fact]
    public async Task Once_ServerStoppedMidReadForLongerThanTheRetries_FailedNoSnapshotThenTheNextRunRepairs()
    {
        SkipUnlessLinux();
        using var workspace = CreateWorkspace();
        workspace.Configure(new JsonObject { ["Source"] = new JsonObject { ["Retry"] = ShortRetries() } });
        var gate = Path.Combine(workspace.Root, "paused");
        CliResult failed;
        await using (var run = workspace.Start(OutageProvince.PauseAt(OutageProvince.AfterFirstPage, gate), "once", "--date", OutageProvince.Date))
        {
            await Eventually.Until(() => File.Exists(gate), "the run to pause after its first page", context: run.Describe);
            postgres.Server.Stop(immediate: true);
            try
            {
                File.Delete(gate);
                failed = (await run.WaitForExitAsync(ExitWithin)).ShouldExitWith(1);
            }
            finally
            {
                postgres.Server.StartAgain();
            }
        }

        var record = workspace.Store.LatestRun();
        record.Status.ShouldBe("FAILED", failed.Describe());
        record.Error.ShouldNotBeNull().ShouldStartWith("Reading the source failed", Case.Sensitive, failed.Describe());
        workspace.Store.Snapshots().ShouldBeEmpty("no snapshot of a run that failed while ingesting");
        OutageProvince.Watermark(workspace).ShouldBe("2024-04-30 09:01:39", "the first page (D000..D099) committed with its watermark");

        var recovered = (await workspace.RunAsync("once", "--date", OutageProvince.Date)).ShouldSucceed();
        OutageProvince.WithoutComputedAt(workspace.Store.Snapshots())
            .ShouldBe(await OutageProvince.CleanSnapshotsAsync(OutageProvince.Date), recovered.Describe());
    }

    /// <summary>
    /// Another session holds an exclusive lock on src_dossier, so the run's read waits longer than the command timeout
    /// (Command Timeout in Source:ConnectionString, in seconds), on every retry: FAILED with a reason that says it timed
    /// out, nothing ingested, no snapshot; once the lock is gone the next run recovers by itself.
    /// </summary>
    [Fact]
    public async Task Once_ReadSlowerThanTheCommandTimeout_FailedWithATimeoutThenTheNextRunRecovers()
    {
        using var workspace = CreateWorkspace();
        workspace.Configure(new JsonObject
        {
            ["Source"] = new JsonObject
            {
                ["ConnectionString"] = $"{workspace.Source.ConnectionString};Command Timeout=2",
                ["Retry"] = ShortRetries(),
            },
        });

        CliResult failed;
        await using (var locker = new NpgsqlConnection(workspace.Source.ConnectionString))
        {
            await locker.OpenAsync(TestContext.Current.CancellationToken);
            await using var transaction = await locker.BeginTransactionAsync(TestContext.Current.CancellationToken);
            await using (var command = new NpgsqlCommand("LOCK TABLE src_dossier IN ACCESS EXCLUSIVE MODE", locker, transaction))
            {
                await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            }

            failed = (await workspace.RunAsync("once", "--date", OutageProvince.Date)).ShouldExitWith(1);
            await transaction.RollbackAsync(TestContext.Current.CancellationToken);
        }

        var record = workspace.Store.LatestRun();
        record.Status.ShouldBe("FAILED", failed.Describe());
        record.Error.ShouldNotBeNull().ShouldStartWith("Reading the source failed", Case.Sensitive, failed.Describe());
        record.Error.ShouldContain("Timeout", Case.Sensitive, failed.Describe());
        workspace.Store.CountOrZero("kpi_dossier_fact").ShouldBe(0);
        workspace.Store.Snapshots().ShouldBeEmpty();

        var recovered = (await workspace.RunAsync("once", "--date", OutageProvince.Date)).ShouldSucceed();
        OutageProvince.WithoutComputedAt(workspace.Store.Snapshots())
            .ShouldBe(await OutageProvince.CleanSnapshotsAsync(OutageProvince.Date), recovered.Describe());
    }

    /// <summary>
    /// The circuit breaker, in one service process polling every second with the server down: once the runs' calls
    /// have all failed, later runs are refused by the open circuit (recorded FAILED, naming it) without calling the
    /// source at all. A stand-in listening on the stopped server's port counts every connection attempt: it sees the
    /// attempts before the circuit opened, and not one during three runs after.
    /// </summary>
    [Fact]
    public async Task Run_ServerDown_RunsAfterTheCircuitOpensDoNotCallTheSource()
    {
        SkipUnlessLinux();
        using var workspace = CreateWorkspace();
        workspace.Configure(new JsonObject
        {
            ["Schedule"] = new JsonObject { ["Poll"] = "0/1 * * * * ?" },
            ["Source"] = new JsonObject { ["Retry"] = ShortRetries() },
        });

        postgres.Server.Stop(immediate: false);
        try
        {
            using var standIn = new ConnectionCounter(postgres.Server.Port);
            await using var service = workspace.Start("run");
            await Eventually.Until(() => RefusedByTheBreaker(workspace) >= 1, "a run refused by the open circuit", context: service.Describe);
            var attempts = standIn.Attempts;
            attempts.ShouldBeGreaterThan(0, "the runs before the circuit opened called the source, and the stand-in counted them");

            var refused = RefusedByTheBreaker(workspace);
            await Eventually.Until(() => RefusedByTheBreaker(workspace) >= refused + 3, "three more runs refused by the open circuit", context: service.Describe);
            standIn.Attempts.ShouldBe(attempts, "runs refused by the open circuit do not call the source");
            workspace.Store.Runs().ShouldNotContain(r => r.Status == "SUCCEEDED");

            service.Terminate();
            (await service.WaitForExitAsync(ExitWithin)).ShouldSucceed();
        }
        finally
        {
            postgres.Server.StartAgain();
        }
    }

    private static int RefusedByTheBreaker(ProvinceWorkspace workspace) =>
        workspace.Store.RunsIfAny().Count(r => r.Status == "FAILED" && (r.Error ?? "").Contains("BrokenCircuitException", StringComparison.Ordinal));

    /// <summary>Two retries 100 ms apart (then about 200 ms): a run gives up on a dead source within a second or so.</summary>
    private static JsonObject ShortRetries() => new() { ["MaxRetries"] = 2, ["Delay"] = "00:00:00.1" };

    /// <summary>What runs no outage disturbed end with: <c>once</c> for the date, the next day's dossiers, <c>once</c> for the next date.</summary>
    private static async Task<IReadOnlyList<StoredSnapshotRow>> UninterruptedSnapshotsAsync()
    {
        using var clean = OutageProvince.Create();
        (await clean.RunAsync("once", "--date", OutageProvince.Date)).ShouldSucceed();
        clean.AddDossiers(NextDayDossiers);
        (await clean.RunAsync("once", "--date", OutageProvince.NextDate)).ShouldSucceed();
        return OutageProvince.WithoutComputedAt(clean.Store.Snapshots());
    }

    private static void SkipUnlessLinux()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("Needs Linux: the fault hook's pause file and pg_ctl run as the postgres user.");
        }
    }

    private ProvinceWorkspace CreateWorkspace() =>
        OutageProvince.Seed(ServerWorkspaces.ContractTables(postgres.Server, TimestampColumns.LocalTime));

    /// <summary>Listens on a port a stopped server left free, counting connection attempts and hanging up on each.</summary>
    private sealed class ConnectionCounter : IDisposable
    {
        private readonly TcpListener _listener;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        private int _attempts;

        public ConnectionCounter(int port)
        {
            _listener = new TcpListener(IPAddress.Loopback, port);
            _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            _listener.Start();
            _loop = Task.Run(AcceptAsync);
        }

        public int Attempts => Volatile.Read(ref _attempts);

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            try
            {
                _loop.Wait(TimeSpan.FromSeconds(10));
            }
            catch (AggregateException)
            {
            }

            _stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    Interlocked.Increment(ref _attempts);
                }
                catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    return;
                }
            }
        }
    }
}
