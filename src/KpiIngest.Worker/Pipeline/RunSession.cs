using System.Data;
using KpiIngest.Data.Store;

namespace KpiIngest.Worker.Pipeline;

/// <summary>
/// The one store session a run works on, or a service job: its claim of the firing, its make-up reads, its runs (each
/// with its lease), retention and the OPS check. Opened at first use, so a job that finds nothing to do and a claim
/// lost to another instance cost one connection at most. A run replaces it after a transient store fault
/// (<see cref="Reopen"/>); a session whose connection broke is replaced when next asked for (<see cref="Current"/>),
/// so what follows a failed run (the run's FAILED record, the lease's release, the OPS check) gets a working one.
/// </summary>
public sealed class RunSession(StoreDatabase database) : IDisposable
{
    private StoreSession? _current;

    /// <summary>The open session; a new one if there was none or its connection broke.</summary>
    public StoreSession Current
    {
        get
        {
            if (_current is { Connection.State: not ConnectionState.Open })
            {
                _current.Dispose();
                _current = null;
            }

            return _current ??= StoreSession.Open(database);
        }
    }

    /// <summary>Replaces the session with a new one (its caches may hold what a failed transaction rolled back).</summary>
    public StoreSession Reopen()
    {
        _current?.Dispose();
        _current = null;
        return Current;
    }

    public void Dispose()
    {
        _current?.Dispose();
        _current = null;
    }
}
