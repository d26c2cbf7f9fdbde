using KpiIngest.Data;
using KpiIngest.Data.Store;
using KpiIngest.Worker.Configuration;
using Microsoft.Extensions.Logging;

namespace KpiIngest.Worker.Pipeline;

/// <summary>
/// The run lease (kpi_lease, <see cref="LeaseStore.Runs"/>) held by this process while one run works: taken before
/// any work, renewed in the background every third of Service:Lease:Expiry, released on dispose. A service job and
/// a CLI verb, or two service instances by mistake, therefore never overlap; a holder that died (kill -9, power
/// loss) stops blocking others once its lease expires.
/// Acquiring and releasing run on the caller's session (the run's: one session per run). Renewal runs on a timer
/// thread while the run's connection may be busy on another, and a connection is not shared across threads, so the
/// lease keeps one connection of its own for renewals, opened at the first renewal (a run shorter than a third of the
/// expiry never opens it) and closed with the lease; one that failed is reopened at the next renewal.
/// </summary>
public sealed class RunLease : IDisposable
{
    /// <summary>This process's holder id: host, process and a random part, so a restarted process never inherits.</summary>
    /// <summary>This process, as lease and job-claim holders name it.</summary>
    public static readonly string ProcessHolder =
        $"{Environment.MachineName}/pid {Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(1);

    private readonly StoreDatabase _database;
    private readonly Func<StoreSession> _session;
    private readonly string _holder;
    private readonly LeaseOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ITimer _heartbeat;
    private readonly Lock _gate = new();
    private StoreSession? _renewals;
    private bool _lost;
    private bool _released;

    private RunLease(
        StoreDatabase database, Func<StoreSession> session, string holder, LeaseOptions options, TimeProvider time, ILogger logger)
    {
        _database = database;
        _session = session;
        _holder = holder;
        _options = options;
        _time = time;
        _logger = logger;
        var period = options.Expiry / 3;
        _heartbeat = time.CreateTimer(_ => Renew(), null, period, period);
    }

    /// <summary>
    /// Takes the lease for <paramref name="purpose"/>, waiting up to Service:Lease:Wait while another run holds it.
    /// Returns null with the reason in <paramref name="refusal"/> when it stayed taken; throws
    /// <see cref="OperationCanceledException"/> when cancelled while waiting. <paramref name="session"/> gives the
    /// caller's current session (a run may replace it after a transient fault), on which the lease is taken and released.
    /// </summary>
    public static RunLease? TryAcquire(
        Func<StoreSession> session, StoreDatabase database, LeaseOptions options, string purpose, TimeProvider time, ILogger logger,
        CancellationToken cancellation, out string? refusal)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var holder = $"{ProcessHolder}/{Guid.NewGuid().ToString("N")[..8]}";
        var giveUpAt = time.GetUtcNow() + options.Wait;
        var waitingLogged = false;
        while (true)
        {
            var inTheWay = session().Leases.TryAcquire(LeaseStore.Runs, holder, purpose, time.GetUtcNow(), options.Expiry);
            if (inTheWay is null)
            {
                refusal = null;
                return new RunLease(database, session, holder, options, time, logger);
            }

            if (time.GetUtcNow() >= giveUpAt)
            {
                refusal = $"another run held the run lease for longer than Service:Lease:Wait ({options.Wait}): {Describe(inTheWay)}";
                return null;
            }

            if (!waitingLogged)
            {
                logger.LogInformation("Waiting for the run lease: {Holder}", Describe(inTheWay));
                waitingLogged = true;
            }

            cancellation.WaitHandle.WaitOne(RetryEvery);
            cancellation.ThrowIfCancellationRequested();
        }
    }

    public void Dispose()
    {
        _heartbeat.Dispose();
        lock (_gate)
        {
            if (_released)
            {
                return;
            }

            _released = true;
            _renewals?.Dispose();
            _renewals = null;
        }

        try
        {
            _session().Leases.Release(LeaseStore.Runs, _holder);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // The lease lapses by itself at its expiry; nothing else to do.
            _logger.LogWarning("The run lease could not be released ({Reason}); it lapses within {Expiry}", error.Message, _options.Expiry);
        }
    }

    private static string Describe(LeaseHolder holder) =>
        $"{holder.Purpose} by {holder.Holder} since {holder.AcquiredAt:yyyy-MM-dd HH:mm:ss}Z, expires {holder.ExpiresAt:yyyy-MM-dd HH:mm:ss}Z";

    private void Renew()
    {
        lock (_gate)
        {
            if (_released || _lost)
            {
                return;
            }

            try
            {
                _renewals ??= StoreSession.Open(_database);
                if (!_renewals.Leases.Renew(LeaseStore.Runs, _holder, _time.GetUtcNow(), _options.Expiry))
                {
                    // The lease lapsed (this process stalled past its expiry) and another run took it. Writes stay
                    // consistent (each batch is its own transaction with deltas against stored facts); say so loudly.
                    _lost = true;
                    _logger.LogError("The run lease lapsed and was taken by another run while this one was still working");
                }
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                _logger.LogWarning("Renewing the run lease failed ({Reason}); retrying", error.Message);
                _renewals?.Dispose();
                _renewals = null;
            }
        }
    }
}
