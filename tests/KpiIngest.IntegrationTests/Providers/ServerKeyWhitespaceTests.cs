using KpiIngest.IntegrationTests.EndToEnd;
using KpiIngest.IntegrationTests.Infrastructure;

namespace KpiIngest.IntegrationTests.Providers;

/// <summary>Keys with surrounding whitespace read from PostgreSQL tables and written to a PostgreSQL store.</summary>
public sealed class PostgreSqlKeyWhitespaceQuarantineTests(PostgreSqlServer server) : KeyWhitespaceQuarantineTests
{
    protected override ProvinceWorkspace CreateWorkspace(SourceShape shape) =>
        ServerWorkspaces.ContractTables(server, TimestampColumns.LocalTime, shape).UseServerStore(server);
}

/// <summary>
/// 'A' and 'A ' in a SQL Server source, written to a SQL Server store, where the two compare equal: the spaced one
/// is quarantined instead of failing the page's insert on every run.
/// </summary>
public sealed class SqlServerKeyWhitespaceQuarantineTests(SqlServerInstance server) : KeyWhitespaceQuarantineTests
{
    protected override ProvinceWorkspace CreateWorkspace(SourceShape shape) =>
        ServerWorkspaces.ContractTables(server, TimestampColumns.LocalTime, shape).UseServerStore(server);
}
