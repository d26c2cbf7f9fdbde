using KpiIngest.Data;
using KpiIngest.Data.Store;
using KpiIngest.Worker.Configuration;
using Microsoft.Extensions.Logging;

namespace KpiIngest.Worker.Pipeline;

/// <summary>
/// The run lease (kpi_lease, <see cref="LeaseStore.Runs"/>) held by this process while one run works: taken before
/// any work, renewed in the background every third of Service:Lease:Expiry, released on dispose. A service job and
/// a CLI verb, or two service instances by mistake, therefore never overlap. A holder that died stops blocking others
/// at once when that is provable, else when its lease expires (operations.md, "After a crash"):
/// - its holder text (<see cref="HolderProcess"/>) names a process of this host that no longer runs (kill -9, a crash);
/// - on a server store, its session lock is free: every holder takes the lease's session lock on its run's connection
///   before the row and keeps it for the run, and the server frees it when that connection ends (a lost host too).
/// Acquiring and releasing run on the caller's session (the run's: one session per run); a release whose session broke
/// runs on a fresh connection, so the lease does not wait for its expiry. Renewal runs on a timer thread while the
/// run's connection may be busy on another, and a connection is not shared across threads, so the lease keeps one
/// connection of its own for renewals, opened at the first renewal (a run shorter than a third of the expiry never
/// opens it) and closed with the lease; one that failed is reopened at the next renewal.
/// </summary>
public sealed class RunLease : IDisposable
{
    /// <summary>This process, as lease and job-claim holders name it: host, process, start, boot and a random part.</summary>
    public static readonly string ProcessHolder = $"{HolderProcess.Current}/{Guid.NewGuid().ToString("N")[..8]}";

    private const string TakenOverMeanwhile =
        "another run took the run lease over while this run's store connection was being replaced; this run stops";

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
    private StoreSession? _lockedOn;
    private bool _lost;
    private bool _released;

    private RunLease(
        StoreDatabase database, Func<StoreSession> session, string holder, LeaseOptions options, TimeProvider time, ILogger logger,
        StoreSession? lockedOn)
    {
        _database = database;
        _session = session;
        _holder = holder;
        _options = options;
        _time = time;
        _logger = logger;
        _lockedOn = lockedOn;
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
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var holder = $"{ProcessHolder}/{Guid.NewGuid().ToString("N")[..8]}";
        var giveUpAt = time.GetUtcNow() + options.Wait;
        var waitingLogged = false;
        while (true)
        {
            var store = session();
            var inTheWay = TryTake(store, holder, purpose, options, time, logger, out var locked);
            if (inTheWay is null)
            {
                refusal = null;
                return new RunLease(database, session, holder, options, time, logger, locked ? store : null);
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

    /// <summary>
    /// Before the run replaces its session after a transient fault: lets go of the session lock on the old connection
    /// if it still works (a pooled connection would otherwise keep it while idle); a broken one took it with it.
    /// </summary>
    public void Detach()
    {
        if (_lockedOn is not { } old)
        {
            return;
        }

        _lockedOn = null;
        try
        {
            old.Leases.UnlockSession(LeaseStore.Runs);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            _logger.LogDebug("The old session's lease lock went with its connection ({Reason})", error.Message);
        }
    }

    /// <summary>
    /// After the run replaced its session: takes the session lock again on the new one and checks the lease is still
    /// this run's. Throws when another run took it over meanwhile (it saw this run's connection gone): this run then
    /// fails rather than work beside it.
    /// </summary>
    public void Attach()
    {
        var store = _session();
        if (!store.Leases.HasSessionLocks || _lockedOn is not null)
        {
            return;
        }

        if (!store.Leases.TryLockSession(LeaseStore.Runs))
        {
            throw new InvalidOperationException(TakenOverMeanwhile);
        }

        _lockedOn = store;
        if (store.Leases.Current(LeaseStore.Runs)?.Holder != _holder)
        {
            Detach();
            throw new InvalidOperationException(TakenOverMeanwhile);
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
            var store = _session();
            store.Leases.Release(LeaseStore.Runs, _holder);
            if (ReferenceEquals(store, _lockedOn))
            {
                store.Leases.UnlockSession(LeaseStore.Runs);
            }
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // The run's connection broke (its session lock went with it): release the row on a fresh connection, so the
            // next run need not wait for the expiry.
            ReleaseOnAFreshConnection(error);
        }
        finally
        {
            _lockedOn = null;
        }
    }

    /// <summary>
    /// One attempt: on a server store the session lock first, then the row; a holder in the way that is proven gone is
    /// taken over. Returns null when taken (<paramref name="locked"/> says whether this session now holds the lock),
    /// else the holder in the way (and the lock, if taken, is let go: the lease stays the other's).
    /// </summary>
    private static LeaseHolder? TryTake(
        StoreSession store, string holder, string purpose, LeaseOptions options, TimeProvider time, ILogger logger, out bool locked)
    {
        var leases = store.Leases;
        locked = false;
        if (leases.HasSessionLocks)
        {
            if (!leases.TryLockSession(LeaseStore.Runs))
            {
                // Another connection holds the lock: a live run, or one that is taking the lease this very moment.
                var now = time.GetUtcNow();
                return leases.Current(LeaseStore.Runs) ?? new LeaseHolder("a run that is taking the lease now", "a run", now, now);
            }

            locked = true;
        }

        try
        {
            var now = time.GetUtcNow();
            var inTheWay = leases.TryAcquire(LeaseStore.Runs, holder, purpose, now, options.Expiry);
            if (inTheWay is not null && WhyGone(inTheWay.Holder, locked) is { } why)
            {
                logger.LogInformation("The run lease's holder {Holder} {Why}; taking the lease over", inTheWay.Holder, why);
                inTheWay = leases.TryTakeOver(LeaseStore.Runs, inTheWay.Holder, holder, purpose, now, options.Expiry);
            }

            if (inTheWay is not null && locked)
            {
                leases.UnlockSession(LeaseStore.Runs);
                locked = false;
            }

            return inTheWay;
        }
        catch when (locked)
        {
            TryUnlock(leases);
            throw;
        }
    }

    /// <summary>Why a holder in the way is known to be gone, or null when it may be alive (it then lapses at its expiry).</summary>
    private static string? WhyGone(string holder, bool sessionLockTaken)
    {
        if (holder.StartsWith(ProcessHolder, StringComparison.Ordinal))
        {
            return null; // this very process: alive, and its own lease is released by whoever took it
        }

        if (HolderProcess.IsGone(holder))
        {
            return "is no longer running (its process on this host has ended)";
        }

        // Such a holder took the session lock before the row and keeps it while it runs: the lock being free proves its
        // connection ended (process killed, host lost, connection cut).
        return sessionLockTaken && HolderProcess.HoldsSessionLock(holder)
            ? "is no longer connected to the store (its session lock is free)"
            : null;
    }

    private static void TryUnlock(LeaseStore leases)
    {
        try
        {
            leases.UnlockSession(LeaseStore.Runs);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // The connection is broken: the server freed the lock with it.
        }
    }

    private void ReleaseOnAFreshConnection(Exception runSessionError)
    {
        try
        {
            using var fresh = StoreSession.Open(_database);
            fresh.Leases.Release(LeaseStore.Runs, _holder);
            _logger.LogInformation(
                "The run lease was released on a new store connection (the run's failed: {Reason})", runSessionError.Message);
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
