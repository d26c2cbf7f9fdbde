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
public sealed class OpsMonitor(StoreDatabase storeDatabase, TimeProvider time, IOpsNotifier notifier, ILogger<OpsMonitor> logger)
{
    private readonly OpsWatch _watch = new(time);
    private readonly DateTimeOffset _watchingSince = time.GetUtcNow();

    public async Task CheckAsync(CancellationToken cancellation)
    {
        try
        {
            // One session for the check: the read, then (after the notice went out) the record of what was notified.
            using var store = StoreSession.Open(storeDatabase);
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
