using KpiIngest.IntegrationTests.Infrastructure;
using Microsoft.Data.Sqlite;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.EndToEnd;

/// <summary>The README's first command: `demo --once` builds the synthetic province, ingests it and reports.</summary>
public sealed class DemoTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kpi-demo-").FullName;

    [Fact]
    public async Task DemoOnce_FreshFolder_PrintsReportAndLeavesSourceAndStoreFiles()
    {
        var result = await KpiCli.RunAsync(_folder, ["demo", "--once", "--dossiers", "5000"], TestContext.Current.CancellationToken);

        result.ShouldSucceed();
        result.StdOut.ShouldContain("Toàn tỉnh");
        result.StdOut.ShouldContain("Cấp xã");
        result.StdOut.ShouldContain("Tỷ lệ hồ sơ trực tuyến");
        var source = Path.Combine(_folder, "data", "demo", "source.db");
        var store = Path.Combine(_folder, "data", "demo", "kpi.db");
        File.Exists(source).ShouldBeTrue();
        File.Exists(store).ShouldBeTrue();

        using var connection = new SqliteConnection($"Data Source={store};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT COUNT(*) FROM kpi_run WHERE kind = 'backfill' AND status = 'SUCCEEDED'),
                   (SELECT COUNT(*) FROM kpi_snapshot WHERE scope = 'PROVINCE' AND period = 'MTD'),
                   (SELECT COUNT(*) FROM kpi_quarantine WHERE cleared_at IS NULL)
            """;
        using var reader = command.ExecuteReader();
        reader.Read().ShouldBeTrue();
        reader.GetInt64(0).ShouldBe(1);
        reader.GetInt64(1).ShouldBeGreaterThan(0);

        // The generator breaks a few rows on purpose so that quarantine shows up in the demo.
        reader.GetInt64(2).ShouldBeGreaterThan(0);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
