using Dapper;
using KpiIngest.Data.Store;
using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Providers;

/// <summary>
/// Dates and instants reach each store engine as the types of its columns. SqlClient infers the legacy datetime for
/// an untyped DateTime, which holds only steps of 1/300 s: an instant at .002 s came back as .003.
/// </summary>
public abstract class StoreParameterTypeTests : IDisposable
{
    private static readonly DateTimeOffset TwoMillisecondsPastNoon = new(2024, 5, 1, 12, 0, 0, 2, TimeSpan.Zero);

    private readonly List<IDisposable> _owned = [];

    /// <summary>An empty store of this engine, disposed with the test.</summary>
    protected abstract StoreDatabase CreateStore();

    [Fact]
    public void TryAcquire_InstantAtWholeMilliseconds_ReadBackExactly()
    {
        using var store = Open();

        store.Leases.TryAcquire(LeaseStore.Runs, "host-1", "once", TwoMillisecondsPastNoon, TimeSpan.FromMinutes(5)).ShouldBeNull();

        var lease = store.Leases.Current(LeaseStore.Runs).ShouldNotBeNull();
        lease.AcquiredAt.ShouldBe(TwoMillisecondsPastNoon);
        lease.ExpiresAt.ShouldBe(TwoMillisecondsPastNoon.AddMinutes(5));
    }

    protected StoreSession Open() => StoreSession.OpenMigrated(CreateStore(), TimeProvider.System);

    /// <summary>Keeps a test database (or file) to drop when the test ends.</summary>
    protected T Own<T>(T owned)
        where T : IDisposable
    {
        _owned.Add(owned);
        return owned;
    }

    public void Dispose()
    {
        GC.SuppressFinalize(this);
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }
}

public sealed class SqliteStoreParameterTypeTests : StoreParameterTypeTests
{
    protected override StoreDatabase CreateStore()
    {
        var folder = Own(new TemporaryFolder());
        return StoreDatabase.Sqlite($"Data Source={Path.Combine(folder.Path, "kpi.db")};Pooling=False");
    }
}

public sealed class PostgreSqlStoreParameterTypeTests(PostgreSqlServer server) : StoreParameterTypeTests
{
    protected override StoreDatabase CreateStore() =>
        StoreDatabase.For(server.Engine.Provider, Own(server.CreateDatabase()).AdminConnectionString, "kpi");
}

public sealed class SqlServerStoreParameterTypeTests(SqlServerInstance server) : StoreParameterTypeTests
{
    protected override StoreDatabase CreateStore() =>
        StoreDatabase.For(server.Engine.Provider, Own(server.CreateDatabase()).AdminConnectionString, "kpi");

    [Fact]
    public void Parameters_DayInstantAndLocalTime_TravelAsDateAndDatetime2()
    {
        using var store = Open();
        var dialect = store.Dialect;
        var local = new DateTime(2024, 5, 1, 8, 0, 0).AddTicks(15_001); // 1.5001 ms past the second

        var types = store.Connection.QuerySingle<(string Day, string Utc, string Local)>(
            "SELECT CAST(SQL_VARIANT_PROPERTY(@day, 'BaseType') AS nvarchar(20)), " +
            "CAST(SQL_VARIANT_PROPERTY(@utc, 'BaseType') AS nvarchar(20)), CAST(SQL_VARIANT_PROPERTY(@local, 'BaseType') AS nvarchar(20))",
            new { day = dialect.Day(new DateOnly(2024, 5, 1)), utc = dialect.Utc(DateTimeOffset.UnixEpoch), local = dialect.Local(local) });
        var echoed = store.Connection.QuerySingle<DateTime>("SELECT @local", new { local = dialect.Local(local) });

        types.ShouldBe(("date", "datetime2", "datetime2"));
        echoed.ShouldBe(local);
    }
}

/// <summary>A folder under the temp directory, deleted with everything in it when disposed.</summary>
internal sealed class TemporaryFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("kpi-store-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Path, recursive: true);
    }
}
