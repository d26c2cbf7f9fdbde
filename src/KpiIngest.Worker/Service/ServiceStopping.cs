using KpiIngest.Worker.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KpiIngest.Worker.Service;

/// <summary>
/// How a stop (SIGTERM, Ctrl+C, service stop) treats the job in progress: it gets the first half of
/// Service:StopTimeout to finish; then its token is cancelled and the second half is left for it to roll back its
/// open transaction and record the run FAILED "stopped before it finished", before the host's own timeout.
/// </summary>
public sealed class ServiceStopping(
    IHostApplicationLifetime lifetime, IOptions<ServiceOptions> service, TimeProvider time, ILogger<ServiceStopping> logger)
    : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private CancellationTokenRegistration _registration;
    private ITimer? _timer;
    private int _busy;

    /// <summary>Cancelled once a job in progress has had its half of Service:StopTimeout.</summary>
    public CancellationToken JobCancellation => _cancel.Token;

    public bool IsStopping => lifetime.ApplicationStopping.IsCancellationRequested;

    public TimeSpan Grace => service.Value.StopTimeout / 2;

    /// <summary>True while a job is still executing (after the host stopped: it ignored its cancellation).</summary>
    public bool JobStillRunning => Volatile.Read(ref _busy) > 0;

    /// <summary>Brackets a job, so the stop log says whether one was cut short.</summary>
    public IDisposable JobInProgress()
    {
        Interlocked.Increment(ref _busy);
        return new Exit(this);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registration = lifetime.ApplicationStopping.Register(OnStopping);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        _registration.Dispose();
        _timer?.Dispose();
        _cancel.Dispose();
    }

    private void OnStopping()
    {
        if (Volatile.Read(ref _busy) > 0)
        {
            logger.LogInformation(
                "Stopping: the job in progress has {Grace} to finish, then it is cancelled (Service:StopTimeout {StopTimeout})",
                Grace, service.Value.StopTimeout);
        }
        else
        {
            logger.LogInformation("Stopping: no job in progress");
        }

        _timer = time.CreateTimer(_ => CancelJob(), null, Grace, Timeout.InfiniteTimeSpan);
    }

    private void CancelJob()
    {
        if (Volatile.Read(ref _busy) > 0)
        {
            logger.LogWarning("Cancelling the job in progress: it did not finish within {Grace} of the stop", Grace);
        }

        _cancel.Cancel();
    }

    private sealed class Exit(ServiceStopping owner) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                Interlocked.Decrement(ref owner._busy);
            }
        }
    }
}
