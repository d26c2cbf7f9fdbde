using KpiIngest.Worker.Service;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Service;

/// <summary>Connection strings logged at service start never carry a secret.</summary>
public sealed class ConnectionStringsTests
{
    [Theory]
    [InlineData("Server=db;Database=igate;User ID=kpi_reader;Password=s3cr3t!;Encrypt=True")]
    [InlineData("Host=db;Database=igate;Username=kpi;PASSWORD=s3cr3t!")]
    [InlineData("Server=db;Uid=kpi;Pwd=s3cr3t!")]
    [InlineData("Server=db;Uid=kpi;pwd='s3cr3t!;still'")]
    public void Redact_WithPassword_DropsItAndKeepsTheRest(string connectionString)
    {
        var redacted = ConnectionStrings.Redact(connectionString);

        redacted.ShouldNotContain("s3cr3t");
        redacted.ShouldContain("db");
    }

    [Fact]
    public void Redact_SqliteFile_KeepsThePath()
    {
        ConnectionStrings.Redact("Data Source=/var/lib/kpi-ingest/kpi.db").ShouldContain("/var/lib/kpi-ingest/kpi.db");
    }

    [Fact]
    public void Redact_Unparseable_ShowsNothingOfIt()
    {
        ConnectionStrings.Redact("Server=db;Password='unterminated").ShouldNotContain("unterminated");
    }
}
