using Quartz;

namespace KpiIngest.Worker.Service;

// Thin Quartz jobs: what they do is ServiceJobs'. DisallowConcurrentExecution keeps a job from overlapping itself;
// the one-thread pool keeps jobs from overlapping each other here, the run lease across processes, and the job claims
// (kpi_job_claim) make each scheduled firing run once across instances.

[DisallowConcurrentExecution]
public sealed class PollJob(ServiceJobs jobs) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await jobs.PollAsync(context.ScheduledFireTimeUtc, cancellationToken);
}

[DisallowConcurrentExecution]
public sealed class DayCloseJob(ServiceJobs jobs) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await jobs.DayCloseAsync(context.ScheduledFireTimeUtc, cancellationToken);
}

[DisallowConcurrentExecution]
public sealed class ReconcileJob(ServiceJobs jobs) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await jobs.ReconcileAsync(context.ScheduledFireTimeUtc, cancellationToken);
}

/// <summary>Fires once at start: the make-up runs derived from kpi_run.</summary>
[DisallowConcurrentExecution]
public sealed class MakeUpJob(ServiceJobs jobs) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await jobs.MakeUpAsync(cancellationToken);
}
