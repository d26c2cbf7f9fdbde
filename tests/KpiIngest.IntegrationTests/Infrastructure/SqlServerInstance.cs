using KpiIngest.IntegrationTests.Infrastructure;
using Microsoft.Data.SqlClient;
using Testcontainers.MsSql;
using Xunit;

[assembly: AssemblyFixture(typeof(SqlServerInstance))]

namespace KpiIngest.IntegrationTests.Infrastructure;

/// <summary>
/// The SQL Server of the suite: the one KPIINGEST_TEST_SQLSERVER names (a connection string for a login that may create
/// databases and logins), else SQL Server 2022 in a container started through Testcontainers.MsSql where a Docker engine
/// answers and can pull its image (KPIINGEST_TEST_SQLSERVER_IMAGE, default mcr.microsoft.com/mssql/server:2022-latest).
/// Each test's database, and the logins made for it, are dropped after it. Where neither can be had, tests that need
/// it are skipped with the reason.
/// </summary>
public sealed class SqlServerInstance : DatabaseServer
{
    public const string Variable = "KPIINGEST_TEST_SQLSERVER";
    public const string ImageVariable = "KPIINGEST_TEST_SQLSERVER_IMAGE";
    public const string DefaultImage = "mcr.microsoft.com/mssql/server:2022-latest";

    /// <summary>The image is about 1.5 GB to pull and SQL Server takes a while to start; a missing registry fails at once.</summary>
    private static readonly TimeSpan StartWithin = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Drops every SQL login whose name starts with @prefix, ending its sessions first (DROP LOGIN refuses a login that
    /// is logged in; the test's CLI runs have exited, but a pooled session may linger). Names go through QUOTENAME.
    /// </summary>
    private const string DropLoginsSql = """
        DECLARE @login sysname, @kill nvarchar(max), @drop nvarchar(max);
        DECLARE logins CURSOR LOCAL FAST_FORWARD FOR
            SELECT name FROM sys.server_principals WHERE type = N'S' AND LEFT(name, LEN(@prefix)) = @prefix;
        OPEN logins;
        FETCH NEXT FROM logins INTO @login;
        WHILE @@FETCH_STATUS = 0
        BEGIN
            SET @kill = N'';
            SELECT @kill += N'KILL ' + CAST(session_id AS nvarchar(10)) + N'; ' FROM sys.dm_exec_sessions WHERE login_name = @login;
            EXEC (@kill);
            SET @drop = N'DROP LOGIN ' + QUOTENAME(@login) + N';';
            EXEC (@drop);
            FETCH NEXT FROM logins INTO @login;
        END;
        CLOSE logins;
        DEALLOCATE logins;
        """;

    private string? _connectionString;
    private MsSqlContainer? _container;

    public override ServerEngine Engine => ServerEngine.SqlServer;

    protected override string DefaultDatabase => "master";

    public override string AdminConnectionString(string database) =>
        new SqlConnectionStringBuilder(_connectionString) { InitialCatalog = database }.ConnectionString;

    public override string ConnectionString(string database, string user, string? password) =>
        new SqlConnectionStringBuilder(_connectionString)
        {
            InitialCatalog = database,
            UserID = user,
            Password = password ?? "",
            IntegratedSecurity = false,
        }.ConnectionString;

    protected override string CreateDatabaseSql(string name) => $"CREATE DATABASE {Engine.Quote(name)}";

    /// <summary>Drops the test's database and the logins made for it (<see cref="TestDatabase.LoginName"/>): logins are server-wide.</summary>
    internal override void Drop(string name)
    {
        SqlConnection.ClearAllPools();
        using var connection = Engine.Open(AdminConnectionString(DefaultDatabase));
        Engine.Execute(connection,
            $"IF DB_ID(@name) IS NOT NULL BEGIN ALTER DATABASE {Engine.Quote(name)} SET SINGLE_USER WITH ROLLBACK IMMEDIATE; " +
            $"DROP DATABASE {Engine.Quote(name)}; END",
            ("@name", name));

        Engine.Execute(connection, DropLoginsSql, ("@prefix", TestDatabase.LoginPrefix(name)));
    }

    protected override string? Start()
    {
        var reason = StartOrConnect();
        Announce(reason ?? $"SQL Server for the suites: {(_container is null ? Variable : $"Testcontainers, image {Image}")}");
        return reason;
    }

    /// <summary>The developer's server or a container; nothing to stop for the former, test databases are dropped one by one.</summary>
    protected override void Shutdown()
    {
        SqlConnection.ClearAllPools();
        if (_container is not null)
        {
            DockerEngine.Remove(_container);
        }
    }

    private static string Image =>
        Environment.GetEnvironmentVariable(ImageVariable) is { Length: > 0 } image ? image : DefaultImage;

    private string? StartOrConnect()
    {
        var configured = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Connect(configured, $"{Variable} is set but connecting failed");
        }

        var advice = $"set {Variable} to a connection string of SQL Server 2016 or later, or run a Docker engine that can pull {Image}";
        var container = DockerEngine.TryStart(() => new MsSqlBuilder(Image).Build(), StartWithin, out var failure);
        if (container is null)
        {
            return DockerEngine.UnavailableReason is { } noDocker
                ? $"SQL Server is unavailable: {Variable} is not set and {noDocker}; {advice}."
                : $"SQL Server is unavailable: Docker could not pull or start {Image} ({failure}); {advice}.";
        }

        _container = container;
        if (Connect(container.GetConnectionString(), $"the container of {Image} started but connecting failed") is { } refused)
        {
            _container = null;
            DockerEngine.Remove(container);
            return refused;
        }

        return null;
    }

    /// <summary>Connects as the administrative login and checks the version; returns why the server cannot be used, or null.</summary>
    private string? Connect(string connectionString, string failing)
    {
        try
        {
            _connectionString = new SqlConnectionStringBuilder(connectionString).ConnectionString;
            using var connection = Engine.Open(AdminConnectionString(DefaultDatabase));
            var major = Engine.Scalar<int>(connection, "SELECT CAST(SERVERPROPERTY('ProductMajorVersion') AS int)");
            return major >= 13 ? null : $"SQL Server is unavailable: the server is SQL Server major version {major}; KpiIngest needs 2016 (13) or later.";
        }
        catch (Exception error) when (error is SqlException or ArgumentException or InvalidOperationException)
        {
            // The message of a failed login names the user, never the password.
            return $"SQL Server is unavailable: {failing}: {error.Message}";
        }
    }
}
