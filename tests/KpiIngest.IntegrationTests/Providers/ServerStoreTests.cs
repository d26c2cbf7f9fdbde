using KpiIngest.IntegrationTests.EndToEnd;
using KpiIngest.IntegrationTests.Infrastructure;

namespace KpiIngest.IntegrationTests.Providers;

// The store on a server (issue 5): the core issue's end-to-end checks, figure for figure, with the store written to
// PostgreSQL (for real, the initdb fixture) or SQL Server (KPIINGEST_TEST_SQLSERVER), from a SQLite source and from
// a source on the same engine.

/// <summary>The hand-checked province read from SQLite and written to a store on <paramref name="server"/>.</summary>
public abstract class ServerStoreProvinceFixture(DatabaseServer server, Func<DatabaseServer, ProvinceWorkspace> source)
    : ServerProvinceFixture(server, s => source(s).UseServerStore(s));

public sealed class PostgreSqlStoreProvinceFixture(PostgreSqlServer server)
    : ServerStoreProvinceFixture(server, _ => new ProvinceWorkspace());

public sealed class PostgreSqlSourceAndStoreProvinceFixture(PostgreSqlServer server)
    : ServerStoreProvinceFixture(server, ServerWorkspaces.ReferenceSchema);

public sealed class SqlServerStoreProvinceFixture(SqlServerInstance server)
    : ServerStoreProvinceFixture(server, _ => new ProvinceWorkspace());

public sealed class SqlServerSourceAndStoreProvinceFixture(SqlServerInstance server)
    : ServerStoreProvinceFixture(server, ServerWorkspaces.ReferenceSchema);

/// <summary>SQLite source, PostgreSQL store: every figure of the hand-checked province as on SQLite.</summary>
public sealed class PostgreSqlStoreHandCheckedProvinceTests(PostgreSqlStoreProvinceFixture fixture)
    : HandCheckedProvinceChecks<PostgreSqlStoreProvinceFixture>(fixture);

/// <summary>PostgreSQL source (deploy/sql's views, least-privileged login) and PostgreSQL store.</summary>
public sealed class PostgreSqlSourceAndStoreHandCheckedProvinceTests(PostgreSqlSourceAndStoreProvinceFixture fixture)
    : HandCheckedProvinceChecks<PostgreSqlSourceAndStoreProvinceFixture>(fixture);

/// <summary>SQLite source, SQL Server store (KPIINGEST_TEST_SQLSERVER).</summary>
public sealed class SqlServerStoreHandCheckedProvinceTests(SqlServerStoreProvinceFixture fixture)
    : HandCheckedProvinceChecks<SqlServerStoreProvinceFixture>(fixture);

/// <summary>SQL Server source and store (KPIINGEST_TEST_SQLSERVER).</summary>
public sealed class SqlServerSourceAndStoreHandCheckedProvinceTests(SqlServerSourceAndStoreProvinceFixture fixture)
    : HandCheckedProvinceChecks<SqlServerSourceAndStoreProvinceFixture>(fixture);

/// <summary>Incremental polls, re-runs and reconciliation with the store on PostgreSQL.</summary>
public sealed class PostgreSqlStoreIncrementalTests(PostgreSqlServer server) : IncrementalTests
{
    protected override ProvinceWorkspace CreateWorkspace() => new ProvinceWorkspace().UseServerStore(server);
}

/// <summary>Incremental polls, re-runs and reconciliation with the store on SQL Server (KPIINGEST_TEST_SQLSERVER).</summary>
public sealed class SqlServerStoreIncrementalTests(SqlServerInstance server) : IncrementalTests
{
    protected override ProvinceWorkspace CreateWorkspace() => new ProvinceWorkspace().UseServerStore(server);
}
