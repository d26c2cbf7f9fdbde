using KpiIngest.IntegrationTests.EndToEnd;
using KpiIngest.IntegrationTests.Infrastructure;

namespace KpiIngest.IntegrationTests.Providers;

/// <summary>Workspaces whose source is a fresh database on a server; the store stays SQLite (part B moves it).</summary>
public static class ServerWorkspaces
{
    /// <summary>The contract relations as typed tables; skips the test when the server is unavailable.</summary>
    public static ProvinceWorkspace ContractTables(DatabaseServer server, TimestampColumns timestamps, SourceShape? shape = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        return new ProvinceWorkspace(_ => new ContractTablesSource(server.CreateDatabase(), timestamps, shape));
    }

    /// <summary>deploy/sql's reference schema, contract views and least-privilege logins, read as kpi_source.</summary>
    public static ProvinceWorkspace ReferenceSchema(DatabaseServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        return new ProvinceWorkspace(_ => new ReferenceSchemaSource(server.CreateDatabase()));
    }
}

/// <summary>The hand-checked province seeded into a database on <paramref name="server"/> by <paramref name="workspace"/>.</summary>
public abstract class ServerProvinceFixture(DatabaseServer server, Func<DatabaseServer, ProvinceWorkspace> workspace)
    : HandCheckedProvinceFixture
{
    protected override string? UnavailableReason => server.UnavailableReason;

    protected override ProvinceWorkspace CreateWorkspace() => workspace(server);
}

/// <summary>PostgreSQL contract tables with timestamptz columns: instants, read back as UTC and converted.</summary>
public sealed class PostgreSqlContractTablesFixture(PostgreSqlServer server)
    : ServerProvinceFixture(server, s => ServerWorkspaces.ContractTables(s, TimestampColumns.Instant));

/// <summary>PostgreSQL set up by deploy/sql/postgresql (timestamp columns: local time), read as kpi_source.</summary>
public sealed class PostgreSqlReferenceSchemaFixture(PostgreSqlServer server)
    : ServerProvinceFixture(server, ServerWorkspaces.ReferenceSchema);

/// <summary>SQL Server contract tables with datetimeoffset columns.</summary>
public sealed class SqlServerContractTablesFixture(SqlServerInstance server)
    : ServerProvinceFixture(server, s => ServerWorkspaces.ContractTables(s, TimestampColumns.Instant));

/// <summary>SQL Server set up by deploy/sql/sqlserver (datetime2 columns: local time), read as kpi_source.</summary>
public sealed class SqlServerReferenceSchemaFixture(SqlServerInstance server)
    : ServerProvinceFixture(server, ServerWorkspaces.ReferenceSchema);

/// <summary>The hand-checked province from PostgreSQL timestamptz tables: the same figures as from SQLite.</summary>
public sealed class PostgreSqlHandCheckedProvinceTests(PostgreSqlContractTablesFixture fixture)
    : HandCheckedProvinceChecks<PostgreSqlContractTablesFixture>(fixture);

/// <summary>The hand-checked province through deploy/sql/postgresql's views, read by the least-privileged role.</summary>
public sealed class PostgreSqlReferenceSchemaProvinceTests(PostgreSqlReferenceSchemaFixture fixture)
    : HandCheckedProvinceChecks<PostgreSqlReferenceSchemaFixture>(fixture);

/// <summary>The hand-checked province from SQL Server datetimeoffset tables (KPIINGEST_TEST_SQLSERVER).</summary>
public sealed class SqlServerHandCheckedProvinceTests(SqlServerContractTablesFixture fixture)
    : HandCheckedProvinceChecks<SqlServerContractTablesFixture>(fixture);

/// <summary>The hand-checked province through deploy/sql/sqlserver's views, read by the least-privileged login.</summary>
public sealed class SqlServerReferenceSchemaProvinceTests(SqlServerReferenceSchemaFixture fixture)
    : HandCheckedProvinceChecks<SqlServerReferenceSchemaFixture>(fixture);

/// <summary>Incremental polls and reconciliation against PostgreSQL timestamp (local time) tables.</summary>
public sealed class PostgreSqlIncrementalTests(PostgreSqlServer server) : IncrementalTests
{
    protected override ProvinceWorkspace CreateWorkspace() => ServerWorkspaces.ContractTables(server, TimestampColumns.LocalTime);
}

/// <summary>Incremental polls and reconciliation against SQL Server datetime (local time) tables.</summary>
public sealed class SqlServerIncrementalTests(SqlServerInstance server) : IncrementalTests
{
    protected override ProvinceWorkspace CreateWorkspace() => ServerWorkspaces.ContractTables(server, TimestampColumns.LocalTime);
}
