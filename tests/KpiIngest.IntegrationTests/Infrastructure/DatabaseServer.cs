using System.Data.Common;
using Xunit;

namespace KpiIngest.IntegrationTests.Infrastructure;

/// <summary>
/// A database server the suite may use (an xunit assembly fixture), started or found on first use so a run that
/// needs none pays nothing. Each test gets a database of its own. Where the server cannot be had, tests that need
/// it are skipped with the reason, never passed.
/// </summary>
public abstract class DatabaseServer : IAsyncDisposable
{
    private readonly Lazy<string?> _unavailable;

    protected DatabaseServer()
    {
        _unavailable = new Lazy<string?>(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The dialect of this server's SQL, connections and parameters.</summary>
    public abstract ServerEngine Engine { get; }

    /// <summary>Why the server cannot be used ("PostgreSQL is unavailable: ..."), or null once it runs.</summary>
    public string? UnavailableReason => _unavailable.Value;

    /// <summary>A new, empty database for one test; skips the test, printing why, when the server is unavailable.</summary>
    public TestDatabase CreateDatabase()
    {
        if (UnavailableReason is { } reason)
        {
            Assert.Skip(reason);
        }

        var name = "kpi_test_" + Guid.NewGuid().ToString("N")[..16];
        using (var connection = Engine.Open(AdminConnectionString(DefaultDatabase)))
        {
            Engine.Execute(connection, CreateDatabaseSql(name));
        }

        return new TestDatabase(this, name);
    }

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (_unavailable.IsValueCreated && _unavailable.Value is null)
        {
            Shutdown();
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>A connection string to <paramref name="database"/> as the administrative login the tests set up with.</summary>
    public abstract string AdminConnectionString(string database);

    /// <summary>A connection string to <paramref name="database"/> as another login, e.g. the least-privileged source login.</summary>
    public abstract string ConnectionString(string database, string user, string? password);

    /// <summary>The database the administrative login connects to before any test database exists.</summary>
    protected abstract string DefaultDatabase { get; }

    /// <summary>Starts or finds the server; returns why it cannot be used, or null.</summary>
    protected abstract string? Start();

    protected abstract void Shutdown();

    /// <summary>
    /// One line in the run's output saying which server the suites got, or why none ("PostgreSQL for the suites:
    /// Testcontainers, image postgres:15"): an xunit diagnostic message, which `dotnet test` prints with
    /// xunit.runner.json's diagnosticMessages on.
    /// </summary>
    protected static void Announce(string line) => TestContext.Current.SendDiagnosticMessage(line);

    protected abstract string CreateDatabaseSql(string name);

    /// <summary>Drops a test database; servers thrown away whole at the end need not.</summary>
    internal abstract void Drop(string name);
}

/// <summary>One test's own database on a <see cref="DatabaseServer"/>, dropped when disposed (unless KPI_E2E_KEEP=1).</summary>
public sealed class TestDatabase(DatabaseServer server, string name) : IDisposable
{
    public DatabaseServer Server => server;

    public ServerEngine Engine => server.Engine;

    public string Name => name;

    /// <summary>
    /// The name of a login made for this database only, e.g. LoginName("source"). On SQL Server logins are server-wide
    /// and the tests run in parallel on one server: a login shared by all (kpi_source) had its password reset by each
    /// test's set-up under the others, whose runs then failed to log in. Dropped with the database.
    /// </summary>
    public string LoginName(string role)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(role);
        return LoginPrefix(name) + role;
    }

    /// <summary>What the names of the logins made for database <paramref name="database"/> start with.</summary>
    internal static string LoginPrefix(string database) => database + "_";

    public string AdminConnectionString => server.AdminConnectionString(name);

    public DbConnection OpenAdmin() => Engine.Open(AdminConnectionString);

    /// <summary>The administrative connection string with the driver's Command Timeout set to <paramref name="seconds"/>.</summary>
    public string AdminConnectionStringWithCommandTimeout(int seconds)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = AdminConnectionString };
        builder["Command Timeout"] = seconds;
        return builder.ConnectionString;
    }

    /// <summary>Runs a script (several statements; on SQL Server, batches separated by GO) as the administrative login.</summary>
    public void ExecuteScript(string script)
    {
        using var connection = OpenAdmin();
        Engine.ExecuteScript(connection, script);
    }

    /// <summary>Runs a setup step; if it throws, the database is dropped before the error goes on.</summary>
    public T DisposeOnFailure<T>(Func<T> setUp)
    {
        ArgumentNullException.ThrowIfNull(setUp);
        try
        {
            return setUp();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <inheritdoc cref="DisposeOnFailure{T}(Func{T})"/>
    public void DisposeOnFailure(Action setUp) => DisposeOnFailure(() =>
    {
        setUp();
        return true;
    });

    /// <summary>Writes every row in one transaction as the administrative login.</summary>
    public void WriteRows<T>(IEnumerable<T> rows, Action<DbConnection, DbTransaction, T> write)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(write);
        using var connection = OpenAdmin();
        using var transaction = connection.BeginTransaction();
        foreach (var row in rows)
        {
            write(connection, transaction, row);
        }

        transaction.Commit();
    }

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("KPI_E2E_KEEP") != "1")
        {
            server.Drop(name);
        }
    }
}
