using KpiIngest.Demo;
using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Providers;

/// <summary>
/// The same figures on every engine (issue 5): one synthetic province (the demo's generator, bad rows and
/// uncatalogued dossiers included, across the 2025-07-01 reorganisation) backfilled for a month into a SQLite store
/// and into a store on a server; every snapshot row, alert, quarantine entry and dimension must be equal.
/// </summary>
public abstract class CrossEngineFiguresTests(DatabaseServer server) : IDisposable
{
    private static readonly SyntheticProvinceOptions Options = new()
    {
        From = new DateOnly(2025, 6, 1),
        To = new DateOnly(2025, 7, 31),
        Dossiers = 6_000,
        Units = 30,
        CatalogPairs = 300,
        Seed = 5,
        BadRowRate = 0.01,
        UncataloguedRate = 0.01,
    };

    private readonly string _folder = Directory.CreateTempSubdirectory("kpi-cross-engine-").FullName;

    [Fact]
    public async Task Backfill_SameSyntheticProvince_SqliteAndServerStoresHoldTheSameRows()
    {
        var source = Path.Combine(_folder, "province.db");
        using var onServer = Workspace(source).UseServerStore(server); // skips here when the server is unavailable
        using var sqlite = Workspace(source);
        SyntheticProvince.Create(source, Options);

        foreach (var workspace in new[] { sqlite, onServer })
        {
            (await workspace.RunAsync("backfill", "--from", "2025-07-01", "--to", "2025-07-31")).ShouldSucceed();
        }

        Compare("kpi_snapshot", "snapshot_date", "period", "period_start", "scope", "scope_id", "level", "indicator",
            "numerator", "denominator", "ratio", "target", "met", "is_final");
        Compare("kpi_alert", "indicator", "period", "period_start", "scope", "scope_id", "level", "status", "severity",
            "ratio", "target", "gap", "numerator", "denominator", "shortfall", "opened_on", "last_seen_on", "closed_on",
            "last_event", "last_event_on");
        Compare("kpi_quarantine", "relation", "record_key", "reason", "value_text", "cleared_at");
        Compare("kpi_unit", "unit_id", "parent_id", "name", "level", "active_from", "active_to");
        Compare("kpi_target", "effective_from", "source", "indicator", "level", "unit_id", "target");
        Compare("kpi_run", "kind", "status", "as_of", "dossiers_read", "dossiers_upserted", "dossiers_quarantined",
            "dossiers_uncatalogued", "snapshots_written", "alerts_opened", "alerts_closed");
        sqlite.Store.CountOrZero("kpi_snapshot").ShouldBeGreaterThan(10_000, "the month must have produced snapshot rows to compare");
        sqlite.Store.CountOrZero("kpi_alert").ShouldBeGreaterThan(0, "the month must have produced alerts to compare");
        sqlite.Store.CountOrZero("kpi_quarantine").ShouldBeGreaterThan(0, "the province must have had bad rows to compare");

        void Compare(string table, params string[] columns)
        {
            var expected = sqlite.Store.Lines(table, columns);
            var actual = onServer.Store.Lines(table, columns);
            var missing = expected.Except(actual, StringComparer.Ordinal).Take(5).ToList();
            var extra = actual.Except(expected, StringComparer.Ordinal).Take(5).ToList();
            (missing.Count + extra.Count).ShouldBe(0,
                $"{table} differs: on SQLite only: [{string.Join("; ", missing)}], on {server.Engine.Provider} only: [{string.Join("; ", extra)}]");
            actual.Count.ShouldBe(expected.Count, $"{table} row count");
        }
    }

    public void Dispose()
    {
        GC.SuppressFinalize(this);
        Directory.Delete(_folder, recursive: true);
    }

    private static ProvinceWorkspace Workspace(string sourcePath)
    {
        var workspace = new ProvinceWorkspace();
        workspace.Configure($$"""{ "Source": { "ConnectionString": "Data Source={{sourcePath}};Mode=ReadOnly" } }""");
        return workspace;
    }
}

public sealed class PostgreSqlCrossEngineFiguresTests(PostgreSqlServer server) : CrossEngineFiguresTests(server);

public sealed class SqlServerCrossEngineFiguresTests(SqlServerInstance server) : CrossEngineFiguresTests(server);
