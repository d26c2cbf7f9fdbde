using KpiIngest.Data;
using KpiIngest.Data.Store;
using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Providers;

/// <summary>
/// deploy/sql's least-privilege scripts run as deploy/README.md says, with source and store in two databases: the
/// source's script in the source database, the store's in the store database. Each login then exists, and the store
/// schema is created, where it does its job and nowhere else (the single script used to create the store user and
/// schema in the source database, where sqlcmd -d pointed it); the store login migrates its store and the source
/// login reads the views.
/// </summary>
public abstract class LeastPrivilegeScriptTests(DatabaseServer server)
{
    /// <summary>deploy/sql's folder for this engine.</summary>
    protected abstract string Folder { get; }

    /// <summary>The owner of schema kpi in the connection's database (no row when there is no such schema).</summary>
    protected abstract string SchemaOwnerSql { get; }

    /// <summary>The KpiIngest users of the connection's database; null where logins are the server's only (PostgreSQL roles).</summary>
    protected abstract string? DatabaseUsersSql { get; }

    [Fact]
    public void LeastPrivilege_SourceAndStoreInTwoDatabases_EachLoginAndTheStoreSchemaAreWhereTheyWork()
    {
        using var source = server.CreateDatabase();
        using var store = server.CreateDatabase();
        source.ExecuteScript(RepositoryFiles.Read("deploy", "sql", Folder, "reference-schema.sql"));
        source.ExecuteScript(RepositoryFiles.Read("deploy", "sql", Folder, "contract-views.sql"));

        var sourceLogin = DeployLoginScripts.Run(source, "least-privilege.sql", "source");
        var storeLogin = DeployLoginScripts.Run(store, "store-least-privilege.sql", "store");

        using (var connection = source.OpenAdmin())
        {
            ServerEngine.Strings(connection, SchemaOwnerSql).ShouldBeEmpty("the source database has no store schema");
            if (DatabaseUsersSql is { } users)
            {
                ServerEngine.Strings(connection, users).ShouldBe([sourceLogin.Name]);
            }
        }

        using (var connection = store.OpenAdmin())
        {
            ServerEngine.Strings(connection, SchemaOwnerSql).ShouldBe([storeLogin.Name]);
            if (DatabaseUsersSql is { } users)
            {
                ServerEngine.Strings(connection, users).ShouldBe([storeLogin.Name]);
            }
        }

        var storeDatabase = StoreDatabase.For(server.Engine.Provider, server.ConnectionString(store.Name, storeLogin.Name, storeLogin.Password), "kpi");
        using (var session = StoreSession.OpenMigrated(storeDatabase, TimeProvider.System))
        {
            session.State.Get(StateStore.DossierWatermark).ShouldBeNull();
        }

        using var reader = server.Engine.Open(server.ConnectionString(source.Name, sourceLogin.Name, sourceLogin.Password));
        server.Engine.Scalar<long>(reader, "SELECT COUNT(*) FROM src_unit").ShouldBeGreaterThanOrEqualTo(0);
    }
}

public sealed class PostgreSqlLeastPrivilegeScriptTests(PostgreSqlServer server) : LeastPrivilegeScriptTests(server)
{
    protected override string Folder => DbEngine.PostgreSql.ScriptFolder();

    protected override string SchemaOwnerSql =>
        "SELECT r.rolname FROM pg_namespace AS n JOIN pg_roles AS r ON r.oid = n.nspowner WHERE n.nspname = 'kpi'";

    protected override string? DatabaseUsersSql => null;
}

public sealed class SqlServerLeastPrivilegeScriptTests(SqlServerInstance server) : LeastPrivilegeScriptTests(server)
{
    protected override string Folder => DbEngine.SqlServer.ScriptFolder();

    protected override string SchemaOwnerSql => "SELECT USER_NAME(principal_id) FROM sys.schemas WHERE name = N'kpi'";

    protected override string? DatabaseUsersSql =>
        "SELECT name FROM sys.database_principals WHERE type = 'S' AND name LIKE N'kpi[_]%' ORDER BY name";
}
