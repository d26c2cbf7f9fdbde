using KpiIngest.IntegrationTests.Infrastructure;
using Microsoft.Data.SqlClient;
using Xunit;

[assembly: AssemblyFixture(typeof(SqlServerInstance))]

namespace KpiIngest.IntegrationTests.Infrastructure;

/// <summary>
/// The SQL Server a developer points the suite at with KPIINGEST_TEST_SQLSERVER (a connection string for a login that
/// may create databases and logins; deploy/README.md starts SQL Server 2022 with Docker). Each test's database is
/// dropped after it. Without the variable, or when the server cannot be reached, tests that need it are skipped with
/// the reason.
/// </summary>
public sealed class SqlServerInstance : DatabaseServer
{
    public const string Variable = "KPIINGEST_TEST_SQLSERVER";

    private string? _connectionString;

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

    internal override void Drop(string name)
    {
        SqlConnection.ClearAllPools();
        using var connection = Engine.Open(AdminConnectionString(DefaultDatabase));
        Engine.Execute(connection,
            $"IF DB_ID(@name) IS NOT NULL BEGIN ALTER DATABASE {Engine.Quote(name)} SET SINGLE_USER WITH ROLLBACK IMMEDIATE; " +
            $"DROP DATABASE {Engine.Quote(name)}; END",
            ("@name", name));
    }

    protected override string? Start()
    {
        var configured = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(configured))
        {
            return $"SQL Server is unavailable: {Variable} is not set (a connection string; deploy/README.md starts SQL Server 2022 with Docker).";
        }

        try
        {
            _connectionString = new SqlConnectionStringBuilder(configured).ConnectionString;
            using var connection = Engine.Open(AdminConnectionString(DefaultDatabase));
            var major = Engine.Scalar<int>(connection, "SELECT CAST(SERVERPROPERTY('ProductMajorVersion') AS int)");
            return major >= 13 ? null : $"SQL Server is unavailable: {Variable} names SQL Server major version {major}; KpiIngest needs 2016 (13) or later.";
        }
        catch (Exception error) when (error is SqlException or ArgumentException or InvalidOperationException)
        {
            // The message of a failed login names the user, never the password.
            return $"SQL Server is unavailable: {Variable} is set but connecting failed: {error.Message}";
        }
    }

    /// <summary>Nothing to stop: the server is the developer's; test databases are dropped one by one.</summary>
    protected override void Shutdown() => SqlConnection.ClearAllPools();
}
