using KpiIngest.Data;
using KpiIngest.Data.Store;
using KpiIngest.Worker.Configuration;
using KpiIngest.Worker.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KpiIngest.Worker.Service;

/// <summary>
/// What each scheduled job does, as recorded runs of <see cref="KpiRunner"/>: poll, day-close (then retention),
/// reconcile, and the make-up runs at start. Every job ends with the OPS check. A job never throws to Quartz:
/// a failed run is in kpi_run, a failure outside a run (the store unreachable) is logged, and the schedule tries again.
/// The store is upgraded at service start (<see cref="ServiceBanner"/>); if it could not be reached then, the first
/// job that reaches it upgrades it (<see cref="StoreUpgrade"/>). Each job firing works on one store session
/// (<see cref="RunSession"/>, opened without migrating): the claim of its firing, the make-up reads, its runs with their
/// leases, retention and the OPS check. The claim stays before the run lease: an instance that loses it neither runs
/// nor waits for the lease, and records no refused run (docs/architecture.md, "One store session per run").
/// </summary>
public sealed class ServiceJobs(
    StoreDatabase storeDatabase,
    IOptions<RetentionOptions> retentionOptions,
    IOptions<ServiceOptions> service,
    KpiRunner runner,
    MakeUpPlanner planner,
    OpsMonitor ops,
    StoreUpgrade upgrade,
    ServiceStopping stopping,
    TimeProvider time,
    ILogger<ServiceJobs> logger)
{
    /// <summary>Poll: ingest what changed and snapshot today.</summary>
    public Task PollAsync(DateTimeOffset? scheduledFire, CancellationToken cancellation) =>
        RunScheduledAsync(RunKinds.Poll, scheduledFire, (session, token) => runner.OnceAsync(session, null, RunKinds.Poll, token), cancellation);

    /// <summary>Day-close: final snapshots of yesterday (and of any earlier day left unclosed), then retention.</summary>
    public Task DayCloseAsync(DateTimeOffset? scheduledFire, CancellationToken cancellation) =>
        RunScheduledAsync(RunKinds.DayClose, scheduledFire, async (session, token) =>
        {
            if (await CloseDaysAsync(session, planner.ScheduledDayCloses(LastClosedDay(session)), token))
            {
                ApplyRetention(session, token);
            }
        }, cancellation);

    public Task ReconcileAsync(DateTimeOffset? scheduledFire, CancellationToken cancellation) =>
        RunScheduledAsync(RunKinds.Reconcile, scheduledFire, (session, token) => runner.ReconcileAsync(session, token), cancellation);

    /// <summary>At start: the day-closes missed while the service was down, in date order, then a poll if one is due.</summary>
    public async Task MakeUpAsync(CancellationToken cancellation)
    {
        using var session = new RunSession(storeDatabase);
        await RunAsync(session, "make-up", async token =>
        {
            var plan = planner.MissedDayCloses(LastClosedDay(session));
            if (plan.Days.Count > 0)
            {
                logger.LogInformation("Making up {Count} missed day-close(s): {From} to {To}",
                    plan.Days.Count, StoreFormat.Day(plan.Days[0]), StoreFormat.Day(plan.Days[^1]));
                if (await CloseDaysAsync(session, plan, token))
                {
                    ApplyRetention(session, token);
                }
            }

            if (!stopping.IsStopping && planner.PollMissed(LastPollSucceededAt(session))
                && (planner.LastPollFiring() is not { } missed || Claim(session, RunKinds.Poll, missed)))
            {
                logger.LogInformation("Making up a poll: none succeeded within the last poll interval");
                await runner.OnceAsync(session, null, RunKinds.Poll, token);
            }
        }, cancellation);
    }

    /// <summary>
    /// Runs a scheduled firing unless another instance on the same store claimed it first (kpi_job_claim): with two
    /// instances, each firing runs once. A firing whose claim cannot be checked (store down) runs, and its run fails
    /// and is recorded as any other.
    /// </summary>
    private async Task RunScheduledAsync(
        string job, DateTimeOffset? scheduledFire, Func<RunSession, CancellationToken, Task> work, CancellationToken quartz)
    {
        using var session = new RunSession(storeDatabase);
        if (scheduledFire is { } fire && !Claim(session, job, fire))
        {
            logger.LogInformation("The {Job} firing of {Fire:yyyy-MM-dd HH:mm:ss}Z is run by another instance", job, fire.UtcDateTime);
            return;
        }

        await RunAsync(session, job, token => work(session, token), quartz);
    }

    private bool Claim(RunSession session, string job, DateTimeOffset fire)
    {
        try
        {
            upgrade.EnsureCurrent();
            return session.Current.JobClaims.TryClaim(job, fire, RunLease.ProcessHolder, time.GetUtcNow());
        }
        catch (Exception error) when (error is System.Data.Common.DbException or InvalidOperationException or IOException)
        {
            logger.LogWarning("Could not claim the {Job} firing ({Reason}); running it", job, RunErrors.Describe(error));
            return true;
        }
    }

    private async Task RunAsync(RunSession session, string job, Func<CancellationToken, Task> work, CancellationToken quartz)
    {
        using (stopping.JobInProgress())
        using (var cancel = CancellationTokenSource.CreateLinkedTokenSource(quartz, stopping.JobCancellation))
        {
            try
            {
                upgrade.EnsureCurrent();
                await work(cancel.Token);
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                logger.LogWarning("The {Job} job was stopped before it finished; kpi_run records the run", job);
                return;
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                logger.LogError("The {Job} job failed outside a run: {Reason}", job, RunErrors.Describe(error));
            }
        }

        if (!stopping.IsStopping)
        {
            await ops.CheckAsync(session, quartz);
        }
    }

    /// <summary>Closes the days in order, stopping at the first failure (the next firing starts again from there).</summary>
    private async Task<bool> CloseDaysAsync(RunSession session, DayClosePlan plan, CancellationToken cancellation)
    {
        if (plan.LeftOut > 0)
        {
            logger.LogWarning(
                "{LeftOut} older unclosed days are not made up (at most {Max} at once): run `kpi-ingest backfill --from {From} --to {To}` for them",
                plan.LeftOut, MakeUpPlanner.MaxDayCloses, StoreFormat.Day(plan.Days[0].AddDays(-plan.LeftOut)), StoreFormat.Day(plan.Days[0].AddDays(-1)));
        }

        var closed = false;
        foreach (var day in plan.Days)
        {
            if (stopping.IsStopping)
            {
                break;
            }

            if (!(await runner.OnceAsync(session, day, RunKinds.DayClose, cancellation)).Succeeded)
            {
                break;
            }

            closed = true;
        }

        return closed;
    }

    /// <summary>operations.md "Retention", applied under the run lease so it never interleaves with a run.</summary>
    private void ApplyRetention(RunSession session, CancellationToken cancellation)
    {
        var store = session.Current;
        using var lease = RunLease.TryAcquire(() => session.Current, storeDatabase, service.Value.Lease, "retention", time, logger, cancellation, out var refusal);
        if (lease is null)
        {
            logger.LogWarning("Retention skipped until the next day-close: {Reason}", refusal);
            return;
        }

        var now = time.GetUtcNow();
        var retention = retentionOptions.Value;
        var result = store.Service.ApplyRetention(
            planner.Today.AddDays(-retention.DailyRowsDays),
            now.AddDays(-retention.RunsDays),
            now.AddDays(-retention.QuarantineClearedDays));
        logger.LogInformation(
            "Retention: deleted {Snapshots} snapshot rows older than {Days} days (month ends kept), {Runs} runs, {Quarantine} cleared quarantine rows",
            result.SnapshotRows, retention.DailyRowsDays, result.Runs, result.QuarantineRows);
    }

    private static DateOnly? LastClosedDay(RunSession session) => session.Current.Runs.LastSucceededAsOf(RunKinds.DayClose);

    private static DateTimeOffset? LastPollSucceededAt(RunSession session) => session.Current.Runs.LastSucceededAt(RunKinds.Poll);
}
