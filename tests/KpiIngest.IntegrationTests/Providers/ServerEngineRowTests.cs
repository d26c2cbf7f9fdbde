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

/// <summary>Thousands of lost units, PostgreSQL source and store.</summary>
public sealed class PostgreSqlLostUnitsTests(PostgreSqlServer server) : LostUnitsTests
{
    protected override ProvinceWorkspace CreateWorkspace() =>
        ServerWorkspaces.ContractTables(server, TimestampColumns.LocalTime).UseServerStore(server);
}

/// <summary>More lost units than SQL Server's 2,100 parameters, SQL Server source and store.</summary>
public sealed class SqlServerLostUnitsTests(SqlServerInstance server) : LostUnitsTests
{
    protected override ProvinceWorkspace CreateWorkspace() =>
        ServerWorkspaces.ContractTables(server, TimestampColumns.LocalTime).UseServerStore(server);
}
