using System.Diagnostics;
using KpiIngest.Core.Periods;
using KpiIngest.Core.Source;
using KpiIngest.Data.Source;
using KpiIngest.Data;
using KpiIngest.Data.Store;
using KpiIngest.Worker.Configuration;
using KpiIngest.Worker.Email;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KpiIngest.Worker.Pipeline;

/// <summary>The kinds of run kpi_run records.</summary>
public static class RunKinds
{
    public const string Poll = "poll";
    public const string DayClose = "day-close";
    public const string Backfill = "backfill";
    public const string Reconcile = "reconcile";
    public const string Once = "once";
}

/// <summary>
/// Runs one cycle (once, poll, day-close, backfill, reconcile) as a recorded run: kpi_run says RUNNING
/// while it works, then SUCCEEDED or FAILED with the reason, and one log line sums it up. A run works on one store
/// session: the lease, the run log, ingest, snapshots, alerts and the digest queue all run on its connection (a retry
/// after a transient store fault takes a new one); the store is upgraded before, once per process or verb. A service
/// job passes its own <see cref="RunSession"/>, so that its claim, reads and OPS check share the run's session too.
/// </summary>
public sealed class KpiRunner(
    StoreDatabase storeDatabase,
    IOptions<ServiceOptions> service,
    SourceClock clock,
    SourceReaders sources,
    IngestPipeline ingest,
    SnapshotPipeline snapshots,
    AlertPipeline alerts,
    DigestDelivery delivery,
    StoreUpgrade upgrade,
    TimeProvider time,
    ILogger<KpiRunner> logger)
{
    /// <summary>Ingests changes, then snapshots as of <paramref name="asOf"/> (default today) and any restatement.</summary>
    public Task<RunOutcome> OnceAsync(DateOnly? asOf, string kind, CancellationToken cancellation) =>
        OnceAsync(null, asOf, kind, cancellation);

    /// <summary>As <see cref="OnceAsync(DateOnly?, string, CancellationToken)"/>, on a service job's session (null: its own).</summary>
    public Task<RunOutcome> OnceAsync(RunSession? jobSession, DateOnly? asOf, string kind, CancellationToken cancellation)
    {
        var day = asOf ?? clock.Today;
        return Execute(jobSession, kind, day, (source, store, counts) =>
        {
            var dimensions = ingest.RefreshDimensions(source, store, counts);
            ingest.Poll(source, store, dimensions, counts, cancellation);
            snapshots.Run(store, [day], counts, cancellation);
        }, cancellation);
    }

    /// <summary>Ingests, then writes snapshots for every date of [from, to] in order.</summary>
    public Task<RunOutcome> BackfillAsync(DateOnly from, DateOnly to, CancellationToken cancellation) =>
        Execute(null, RunKinds.Backfill, to, (source, store, counts) =>
        {
            var dimensions = ingest.RefreshDimensions(source, store, counts);
            ingest.Poll(source, store, dimensions, counts, cancellation);
            var dates = Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays);
            snapshots.Run(store, dates, counts, cancellation);
        }, cancellation);

    /// <summary>Polls, compares the full key set, applies what the polls missed and restates within the horizon.</summary>
    public Task<RunOutcome> ReconcileAsync(CancellationToken cancellation) => ReconcileAsync(null, cancellation);

    /// <summary>As <see cref="ReconcileAsync(CancellationToken)"/>, on a service job's session (null: its own).</summary>
    public Task<RunOutcome> ReconcileAsync(RunSession? jobSession, CancellationToken cancellation) =>
        Execute(jobSession, RunKinds.Reconcile, null, (source, store, counts) =>
        {
            var dimensions = ingest.RefreshDimensions(source, store, counts);
            ingest.Poll(source, store, dimensions, counts, cancellation);
            new Reconciler(ingest, new SourceTimeReader(clock.Zone), clock).Run(source, store, dimensions, counts, cancellation);
            counts.DossiersQuarantined = store.Quarantine.CountActive(SourceContract.Dossiers);
            snapshots.Run(store, [], counts, cancellation);
        }, cancellation);

    private readonly Polly.ResiliencePipeline _storeRetry = StoreResilience.Create(time, logger);

    private async Task<RunOutcome> Execute(
        RunSession? jobSession, string kind, DateOnly? asOf, Action<ISourceReader, StoreSession, RunCounts> work, CancellationToken cancellation)
    {
        var stopwatch = Stopwatch.StartNew();
        var startedAt = time.GetUtcNow();
        upgrade.EnsureCurrent();
        var session = jobSession ?? new RunSession(storeDatabase);
        try
        {
            var store = session.Current;

            // One run at a time across processes (service jobs, CLI verbs), before any work; see RunLog.Start.
            using var lease = RunLease.TryAcquire(() => session.Current, storeDatabase, service.Value.Lease, kind, time, logger, cancellation, out var refusal);
            if (lease is null)
            {
                var refusedId = store.Runs.RecordRefused(kind, asOf, startedAt, time.GetUtcNow(), refusal!);
                logger.LogError("Run {RunId} {Kind} FAILED: {Reason}", refusedId, kind, refusal);
                return new RunOutcome(refusedId, false, refusal, new RunCounts());
            }

            // Checked under the lease: another instance (or a make-up run) may have closed the day while this one waited.
            if (kind == RunKinds.DayClose && asOf is { } day && store.Runs.LastSucceededAsOf(RunKinds.DayClose) >= day)
            {
                logger.LogInformation("The day-close of {Day} already succeeded (another instance); nothing to do", StoreFormat.Day(day));
                return new RunOutcome(0, true, null, new RunCounts());
            }

            // A service job's session may hold an earlier run's pair numbers; others may have changed kpi_pair since.
            store.Pairs.Forget();
            var runId = store.Runs.Start(kind, time.GetUtcNow(), asOf);
            var counts = new RunCounts();
            try
            {
                var attempt = 0;
                _storeRetry.Execute(_ =>
                {
                    if (attempt++ > 0)
                    {
                        // A transient store fault: again on a new session (its caches may hold what was rolled back),
                        // counting this attempt's work only; what earlier attempts committed stays committed. The
                        // lease's session lock moves to the new connection.
                        lease.Detach();
                        store = session.Reopen();
                        lease.Attach();
                        counts = new RunCounts();
                    }

                    using (var source = sources.Open())
                    {
                        IngestPipeline.CheckContract(source);
                        work(source, store, counts);
                    }

                    alerts.Run(store, runId, counts);
                }, cancellation);

                // Delivery failures are recorded and retried by later runs; they never fail the run (operations.md).
                await delivery.DeliverAsync(store, counts, cancellation);

                store.Runs.Finish(runId, counts, succeeded: true, error: null, time.GetUtcNow());
                logger.LogInformation(
                    "Run {RunId} {Kind} SUCCEEDED in {Seconds:F1} s: read {Read}, upserted {Upserted}, deleted {Deleted}, quarantined {Quarantined}, uncatalogued {Uncatalogued}, snapshot rows {Snapshots}, alerts opened {Opened} closed {Closed}, emails sent {Sent} failed {EmailsFailed}",
                    runId, kind, stopwatch.Elapsed.TotalSeconds, counts.DossiersRead, counts.DossiersUpserted, counts.DossiersDeleted,
                    counts.DossiersQuarantined, counts.DossiersUncatalogued, counts.SnapshotsWritten, counts.AlertsOpened,
                    counts.AlertsClosed, counts.EmailsSent, counts.EmailsFailed);
                return new RunOutcome(runId, true, null, counts);
            }
            catch (Exception error) when (error is not OperationCanceledException || !cancellation.IsCancellationRequested)
            {
                var reason = RunErrors.Describe(error);
                session.Current.Runs.Finish(runId, counts, succeeded: false, reason, time.GetUtcNow()); // a new session if the run's broke
                logger.LogError("Run {RunId} {Kind} FAILED after {Seconds:F1} s: {Reason}", runId, kind, stopwatch.Elapsed.TotalSeconds, reason);
                return new RunOutcome(runId, false, reason, counts);
            }
            catch (OperationCanceledException)
            {
                session.Current.Runs.Finish(runId, counts, succeeded: false, "stopped before it finished (service stop)", time.GetUtcNow());
                logger.LogWarning("Run {RunId} {Kind} stopped before it finished", runId, kind);
                throw;
            }
        }
        finally
        {
            if (jobSession is null)
            {
                session.Dispose();
            }
        }
    }
}

/// <summary>How a run ended; RunId 0 when there was nothing to do and no run was recorded (a day already closed).</summary>
public sealed record RunOutcome(long RunId, bool Succeeded, string? Error, RunCounts Counts);
