using System.Net;
using System.Net.Sockets;
using KpiIngest.Data;
using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Providers;

/// <summary>
/// Server sources without a server: a connection string the driver cannot parse is a configuration error (exit 2,
/// naming the key, before any work), a server that cannot be reached fails the run (exit 1, recorded); neither ever
/// shows the password.
/// </summary>
public sealed class SourceConnectionTests
{
    private const string Password = "s3cret-Never-Shown";

    [Theory]
    [InlineData(DbEngine.PostgreSql, $"Host=db;Username=kpi_source;Password={Password};Frobnicate=yes")]
    [InlineData(DbEngine.SqlServer, $"Server=db;User ID=kpi_source;Password={Password};Frobnicate=yes;Encrypt=True;TrustServerCertificate=False")]
    public async Task Once_ConnectionStringUnparseable_ExitsTwoNamingTheKeyWithoutItsValue(DbEngine provider, string connectionString)
    {
        using var workspace = new ProvinceWorkspace();
        workspace.Configure(Source(provider, connectionString));

        var result = await workspace.RunAsync("once", "--date", "2024-04-30");

        result.ShouldExitWith(2);
        result.StdErr.ShouldContain("Source:ConnectionString", Case.Sensitive, result.Describe());
        result.Output.ShouldNotContain(Password, Case.Insensitive, result.Describe());
        workspace.Store.RunsIfAny().ShouldBeEmpty("bad configuration is reported before any work");
    }

    [Theory]
    [InlineData(DbEngine.PostgreSql, "Host=127.0.0.1;Port={0};Username=kpi_source;Password=" + Password + ";Timeout=5")]
    [InlineData(DbEngine.SqlServer, "Server=127.0.0.1,{0};User ID=kpi_source;Password=" + Password + ";Connect Timeout=5;Encrypt=True;TrustServerCertificate=True")]
    public async Task Once_SourceServerUnreachable_ExitsOneRecordsFailedRunWithoutThePassword(DbEngine provider, string connectionString)
    {
        using var workspace = new ProvinceWorkspace();
        workspace.Configure(Source(provider, string.Format(System.Globalization.CultureInfo.InvariantCulture, connectionString, ClosedPort())));

        var result = await workspace.RunAsync("once", "--date", "2024-04-30");

        result.ShouldExitWith(1);
        var run = workspace.Store.LatestRun();
        run.Status.ShouldBe("FAILED");
        run.Error.ShouldNotBeNullOrWhiteSpace();
        run.Error.ShouldNotContain(Password, Case.Insensitive);
        result.Output.ShouldNotContain(Password, Case.Insensitive, result.Describe());
        workspace.Store.CountOrZero("kpi_snapshot").ShouldBe(0);
    }

    private static string Source(DbEngine provider, string connectionString) =>
        new System.Text.Json.Nodes.JsonObject
        {
            ["Source"] = new System.Text.Json.Nodes.JsonObject { ["Provider"] = provider.ToString(), ["ConnectionString"] = connectionString },
        }.ToJsonString();

    /// <summary>A loopback port nothing listens on: taken, then released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
