using System.Net;
using KpiIngest.IntegrationTests.Email;
using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Providers;

/// <summary>
/// A digest queued with the store on a server, through the real CLI: the alert fold's transaction reads units, trends,
/// the pairs used online and the catalog while it writes alerts and the outbox. SqlClient refuses a command that lacks
/// the connection's pending transaction, so on SQL Server every one of those reads must run on the session's
/// transaction (the "digests fail as soon as a recipient is configured" defect); PostgreSQL (and SQLite, whose
/// Microsoft.Data.Sqlite gives a new command the connection's transaction by itself) would run them either way.
/// </summary>
public abstract class ServerStoreDigestTests(DatabaseServer server)
{
    [Fact]
    public async Task Once_RecipientConfigured_DigestWithTrendsAndMissingProceduresIsMailed()
    {
        var (message, run) = await SampleDigestTests.GenerateAsync(server);

        var text = WebUtility.HtmlDecode(message.Html.ShouldNotBeNull());
        text.ShouldMatch("Thủ tục chưa phát sinh (hồ sơ|thanh toán) trực tuyến trong kỳ", run.Describe());
        text.ShouldContain("Cấp xã");
    }
}

/// <summary>The digest with the store on PostgreSQL (the initdb fixture): runs everywhere.</summary>
public sealed class PostgreSqlStoreDigestTests(PostgreSqlServer server) : ServerStoreDigestTests(server);

/// <summary>The digest with the store on SQL Server (KPIINGEST_TEST_SQLSERVER): where the defect showed.</summary>
public sealed class SqlServerStoreDigestTests(SqlServerInstance server) : ServerStoreDigestTests(server);
