using KpiIngest.Core.Source;
using KpiIngest.Data.Source;
using KpiIngest.Data.Store;
using KpiIngest.Data;
using Microsoft.Extensions.Logging;
using Polly.Retry;
using Polly;

namespace KpiIngest.Worker.Pipeline;

/// <summary>
/// How a run's store work meets a brief store fault (a deadlock victim, a lock or command timeout, a failover, a
/// dropped connection; see <see cref="TransientFaults"/>): the run's work is tried again, on a new store session, up
/// to <see cref="MaxRetries"/> times after an exponential delay with jitter. That is safe because every store
/// transaction of a run is whole in itself and what it has done is recorded with it (the watermark, restate_from,
/// alerts_from): a second attempt carries on where the committed work stopped. A fault that outlasts the retries
/// fails the run, which is recorded, and the next scheduled run tries again (style.md #3 and #8). The source's faults
/// are not retried here: its own pipeline (<see cref="SourceResilience"/>) already did.
/// </summary>
public static class StoreResilience
{
    public const int MaxRetries = 2;

    /// <summary>The first retry's delay; the second waits about twice as long. A deadlock or failover clears in seconds.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);

    public static ResiliencePipeline Create(TimeProvider time, ILogger logger) =>
        new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                MaxRetryAttempts = MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = Delay,
                OnRetry = arguments =>
                {
                    logger.LogWarning("The store work failed on a transient fault (attempt {Attempt} of {Attempts}), retrying in {Delay} on a new connection: {Reason}",
                        arguments.AttemptNumber + 1, MaxRetries + 1, arguments.RetryDelay,
                        arguments.Outcome.Exception is { } error ? RunErrors.Describe(error) : "no result");
                    return default;
                },
            })
            .Build();

    /// <summary>A transient fault of the store; never the source's (already retried) nor a stop.</summary>
    public static bool IsTransient(Exception error) =>
        error is not (SourceUnavailableException or SourceContractException or OperationCanceledException)
        && TransientFaults.IsTransient(error);
}
