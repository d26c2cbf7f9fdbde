using KpiIngest.IntegrationTests.EndToEnd;
using KpiIngest.IntegrationTests.Infrastructure;

namespace KpiIngest.IntegrationTests.Providers;

/// <summary>The optional source columns with the source in PostgreSQL tables, and the store on PostgreSQL too.</summary>
public sealed class PostgreSqlOptionalColumnsTests(PostgreSqlServer server) : OptionalColumnsTests
{
    protected override string FlagType => "integer";

    protected override Data.Store.StoreSession OpenStore(ProvinceWorkspace workspace) =>
        Data.Store.StoreSession.Open(Data.Store.StoreDatabase.For(server.Engine.Provider, workspace.ServerStoreDatabase!.AdminConnectionString, "kpi"));

    protected override ProvinceWorkspace CreateWorkspace() =>
        ServerWorkspaces.ContractTables(server, TimestampColumns.LocalTime).UseServerStore(server);
}
