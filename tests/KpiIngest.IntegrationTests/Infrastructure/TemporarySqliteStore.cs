using KpiIngest.Data.Store;

namespace KpiIngest.IntegrationTests.Infrastructure;

/// <summary>A migrated store in a SQLite file of its own folder, for tests of the store's accessors without the CLI; the folder goes on dispose.</summary>
public sealed class TemporarySqliteStore : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kpi-e2e", Guid.NewGuid().ToString("N"));

    public TemporarySqliteStore()
    {
        Directory.CreateDirectory(_folder);
        Session = StoreSession.OpenMigrated(StoreDatabase.Sqlite($"Data Source={Path.Combine(_folder, "kpi.db")};Pooling=False"), TimeProvider.System);
    }

    public StoreSession Session { get; }

    public void Dispose()
    {
        Session.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held (a reader a failed test left open) leaves the folder behind, never fails the test.
        }
    }
}
