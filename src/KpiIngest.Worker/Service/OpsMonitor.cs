using KpiIngest.Data.Store;
using KpiIngest.Worker.Configuration;
using KpiIngest.Worker.Pipeline;
using Microsoft.Extensions.Logging;

namespace KpiIngest.Worker.Service;

/// <summary>
/// Runs <see cref="OpsWatch"/> after every job against kpi_run, hands a notice to <see cref="IOpsNotifier"/>, and
/// records in kpi_state what was notified only once it was delivered, so a notice is never lost and never repeated
/// (also across restarts).
/// </summary>
public sealed class OpsMonitor(TimeProvider time, IOpsNotifier notifier, ILogger<OpsMonitor> logger)
{
    private readonly OpsWatch _watch = new(time);
    private readonly DateTimeOffset _watchingSince = time.GetUtcNow();

    /// <summary>Checks on the job's session (<paramref name="session"/>): the read, then, once the notice went out, the record.</summary>
    public async Task CheckAsync(RunSession session, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(session);
        try
        {
            var store = session.Current;
            var history = store.Runs;
            var verdict = _watch.Evaluate(
                history.LatestFinished(10), history.LastSucceededAt(RunKinds.Poll), _watchingSince,
                store.State.Get(StateStore.OpsProblem));
            if (verdict.Notice is null)
            {
                return;
            }

            await notifier.NotifyAsync(verdict.Notice, cancellation);
            using var transaction = store.BeginWrite();
            store.State.Set(StateStore.OpsProblem, verdict.Problem);
            transaction.Commit();
        }
        catch (Exception error) when (error is not OperationCanceledException and not OutOfMemoryException)
        {
            // The store or the notifier is down; the next job checks again.
            logger.LogWarning("The OPS check could not complete: {Reason}", RunErrors.Describe(error));
        }
    }
}
