using KpiIngest.Data.Store;
using KpiIngest.Worker.Configuration;

namespace KpiIngest.Worker.Pipeline;

/// <summary>
/// Upgrades the store once per process (a service) or per verb (a CLI host lives for one verb): sessions never
/// migrate. The service upgrades at start; when the store cannot be reached then, the first job to reach it upgrades
/// it. Until an upgrade succeeds every call tries again.
/// </summary>
public sealed class StoreUpgrade(StoreDatabase database, TimeProvider time)
{
    private readonly Lock _gate = new();
    private bool _current;

    /// <summary>Applies pending migrations unless this process already did; returns the names applied now.</summary>
    public IReadOnlyList<string> EnsureCurrent()
    {
        lock (_gate)
        {
            if (_current)
            {
                return [];
            }

            var applied = StoreSession.Migrate(database, time);
            _current = true;
            return applied;
        }
    }
}
