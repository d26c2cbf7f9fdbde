using KpiIngest.IntegrationTests.Infrastructure;
using Npgsql;
using Xunit;

[assembly: AssemblyFixture(typeof(PostgreSqlServer))]

namespace KpiIngest.IntegrationTests.Infrastructure;

/// <summary>Where a PostgreSQL server runs, and how to reach it as the administrative role.</summary>
internal interface IPostgreSqlHost : IDisposable
{
    string Host { get; }

    int Port { get; }

    string AdminUser { get; }

    string? AdminPassword { get; }

    /// <summary>How the server was started, for the run's output ("Testcontainers, image postgres:15").</summary>
    string Description { get; }
}

/// <summary>
/// The suite's PostgreSQL: a container started through Testcontainers where a Docker engine answers (image
/// KPIINGEST_TEST_POSTGRES_IMAGE, default the official postgres:15), otherwise a throwaway cluster from the machine's
/// initdb (<see cref="PostgreSqlCluster"/>). Both are real servers with trust authentication; which one a run used is
/// written once to the run's output as a diagnostic message ("PostgreSQL for the suites: ..."). Where neither can be
/// had, tests that need it are skipped with both reasons.
/// </summary>
public sealed class PostgreSqlServer : DatabaseServer
{
    private readonly bool _stoppable;
    private IPostgreSqlHost? _host;

    public PostgreSqlServer()
        : this(stoppable: false)
    {
    }

    private PostgreSqlServer(bool stoppable)
    {
        _stoppable = stoppable;
    }

    public override ServerEngine Engine => ServerEngine.PostgreSql;

    /// <summary>True when the server can collate with ICU, so test databases sort text as a Vietnamese server would.</summary>
    public bool HasIcu { get; private set; }

    /// <summary>How the server was started ("Testcontainers, image local/postgres:15" or "initdb fixture (...)"), once it runs.</summary>
    public string? Description => UnavailableReason is null ? _host?.Description : null;

    /// <summary>The port the server listens on (on the loopback for a cluster; free while a cluster is stopped).</summary>
    public int Port => _host?.Port ?? 0;

    protected override string DefaultDatabase => "postgres";

    /// <summary>
    /// A cluster of a test class's own that <see cref="Stop"/> and <see cref="StartAgain"/> take down and bring back,
    /// always from the machine's initdb, never a container: an outage test needs pg_ctl's own shutdown modes (immediate
    /// as a crash, fast) and the same loopback port left free while the server is down, where a stand-in listener can
    /// count connection attempts; a restarted container would come back on another mapped port, on Docker's gateway
    /// address.
    /// </summary>
    public static PostgreSqlServer StoppableCluster() => new(stoppable: true);

    public override string AdminConnectionString(string database) =>
        ConnectionString(database, _host?.AdminUser ?? "kpi", _host?.AdminPassword);

    /// <summary>Trust authentication: any password is accepted, privileges are what is tested.</summary>
    public override string ConnectionString(string database, string user, string? password) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = _host?.Host ?? "127.0.0.1",
            Port = Port,
            Username = user,
            Password = password,
            Database = database,
        }.ConnectionString;

    /// <summary>
    /// Test databases collate text with ICU's Vietnamese rules where the server has ICU: a province's server sorts
    /// "a10, A2, B0, b1", not in ordinal order, which is what the key stream must not depend on.
    /// </summary>
    protected override string CreateDatabaseSql(string name) =>
        $"CREATE DATABASE {Engine.Quote(name)} TEMPLATE template0 ENCODING 'UTF8'" + (HasIcu ? " LOCALE_PROVIDER icu ICU_LOCALE 'vi-VN'" : "");

    /// <summary>The whole server is thrown away at the end.</summary>
    internal override void Drop(string name)
    {
    }

    protected override string? Start()
    {
        string? noContainer = null;
        if (!_stoppable)
        {
            _host = PostgreSqlContainerHost.TryStart(out noContainer);
        }

        if (_host is null)
        {
            var cluster = new PostgreSqlCluster();
            if (cluster.Start() is { } noCluster)
            {
                var reason = $"PostgreSQL is unavailable: {noCluster}" +
                             (noContainer is null ? "" : $" Not Testcontainers either, because {noContainer}.");
                Announce(reason);
                return reason;
            }

            _host = cluster;
        }

        try
        {
            using var connection = Engine.Open(AdminConnectionString(DefaultDatabase));
            HasIcu = Engine.Scalar<long>(connection, "SELECT count(*) FROM pg_collation WHERE collprovider = 'i'") > 0;
        }
        catch (NpgsqlException error)
        {
            Shutdown();
            return $"PostgreSQL is unavailable: the server ({_host?.Description}) started but refused the administrative login: {error.Message}";
        }

        Announce($"PostgreSQL for the {(_stoppable ? "outage tests' own cluster" : "suites")}: {_host.Description}" +
                 (noContainer is null ? "" : $"; not Testcontainers, because {noContainer}"));
        return null;
    }

    /// <summary>
    /// Stops the server as an outage would, keeping its data and port: <paramref name="immediate"/> cuts every session
    /// at once, as a crash or a lost network would (pg_ctl -m immediate); otherwise a fast shutdown. Only for a
    /// <see cref="StoppableCluster"/>: never the suite's shared server, which other classes use in parallel.
    /// </summary>
    public void Stop(bool immediate) => OwnCluster().Stop(immediate);

    /// <summary>Starts the server again after <see cref="Stop"/>, on the same port with the same data; waits until it accepts connections.</summary>
    public void StartAgain()
    {
        OwnCluster().StartAgain();

        // This process's pooled sessions died with the old server.
        NpgsqlConnection.ClearAllPools();
    }

    protected override void Shutdown()
    {
        NpgsqlConnection.ClearAllPools();
        _host?.Dispose();
    }

    private PostgreSqlCluster OwnCluster()
    {
        if (UnavailableReason is { } reason)
        {
            Assert.Skip(reason);
        }

        return _stoppable && _host is PostgreSqlCluster cluster
            ? cluster
            : throw new InvalidOperationException("Only a PostgreSqlServer.StoppableCluster() is stopped and started by a test; the suite's server is shared.");
    }
}
