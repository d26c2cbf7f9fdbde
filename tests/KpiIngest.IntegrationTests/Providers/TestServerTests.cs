using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Providers;

/// <summary>
/// The suites' PostgreSQL goes through Testcontainers where it was asked to: with KPIINGEST_TEST_POSTGRES_IMAGE set
/// (as .ci/run sets it) and a Docker engine answering, a silent fallback to the initdb fixture would hide a broken
/// container path behind passing tests.
/// </summary>
public sealed class PostgreSqlTestServerTests(PostgreSqlServer server)
{
    [Fact]
    public void SuiteServer_ImageConfiguredAndDockerAnswers_StartedThroughTestcontainersWithThatImage()
    {
        var image = Environment.GetEnvironmentVariable(PostgreSqlContainerHost.ImageVariable);
        if (string.IsNullOrEmpty(image) || DockerEngine.UnavailableReason is not null)
        {
            Assert.Skip($"Needs {PostgreSqlContainerHost.ImageVariable} set and a Docker engine: " +
                        (DockerEngine.UnavailableReason ?? $"{PostgreSqlContainerHost.ImageVariable} is not set") + ".");
        }

        server.UnavailableReason.ShouldBeNull();
        server.Description.ShouldBe($"Testcontainers, image {image}");
    }
}

/// <summary>
/// Each SQL Server test's logins are its own: logins are server-wide, and with one shared kpi_source every test's
/// set-up reset its password under the tests running beside it. Skipped, with the reason, without SQL Server.
/// </summary>
public sealed class SqlServerTestLoginTests(SqlServerInstance server)
{
    [Fact]
    public void ReferenceSchema_SecondDatabaseSetUp_FirstSourceLoginStillLogsInAndReads()
    {
        using var first = new ReferenceSchemaSource(server.CreateDatabase());
        using var second = new ReferenceSchemaSource(server.CreateDatabase());

        foreach (var source in new[] { first, second })
        {
            using var connection = server.Engine.Open(source.ConnectionString);
            server.Engine.Scalar<int>(connection, "SELECT COUNT(*) FROM src_dossier").ShouldBe(0);
        }
    }

    [Fact]
    public void ReferenceSchema_Disposed_ItsLoginsAreDroppedWithItsDatabase()
    {
        if (Environment.GetEnvironmentVariable("KPI_E2E_KEEP") == "1")
        {
            Assert.Skip("KPI_E2E_KEEP=1 keeps every test database and its logins.");
        }

        var database = server.CreateDatabase();
        new ReferenceSchemaSource(database).Dispose();

        using var connection = server.Engine.Open(server.AdminConnectionString("master"));
        server.Engine.Scalar<int>(connection, "SELECT COUNT(*) FROM sys.server_principals WHERE name IN (@source, @store)",
            ("@source", database.LoginName("source")), ("@store", database.LoginName("store"))).ShouldBe(0);
        server.Engine.Scalar<int>(connection, "SELECT COUNT(*) FROM sys.databases WHERE name = @name", ("@name", database.Name)).ShouldBe(0);
    }
}
