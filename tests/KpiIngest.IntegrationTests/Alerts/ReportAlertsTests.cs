using System.Globalization;
using System.Text.Json;
using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Alerts;

/// <summary>
/// operations.md: <c>report --alerts</c> lists open alerts, largest shortfall first; issue 3: "with their shortfall".
/// The store holds, after <c>once</c> as of 31 March, 10 April and 20 April 2024 (no mail: those dates are past):
/// <code>
/// unit   level  dossiers (all digitized, reusing data, no fee, unresolved)
/// SO-A   1      20 in person 5 Apr
/// X-A    3      30 on 5 Apr: 13 online, 17 in person
/// X-B    3      10 in person 10 Mar; 10 in person 5 Apr; 12 online 15 Apr
/// </code>
/// Open alerts as of 20 April (ONLINE_DOSSIER, MTD April, target 50, CRITICAL below 40), by hand:
/// <list type="bullet">
/// <item>PROVINCE 25/72 = 34.72 %, CRITICAL (2500 &lt; 2880), shortfall ceil(36) − 25 = 11</item>
/// <item>LEVEL 1 and UNIT SO-A 0/20, CRITICAL, shortfall 10 each</item>
/// <item>UNIT X-A 13/30 = 43.33 %, WARNING (1300 &gt;= 1200), shortfall 15 − 13 = 2</item>
/// <item>LEVEL 3 25/52 = 48.08 %, WARNING, shortfall ceil(26) − 25 = 1</item>
/// </list>
/// Not listed: X-B's April alert (0/10 on the 10th, 12/22 met on the 20th: RESOLVED) and the three March alerts
/// (X-B, LEVEL 3, PROVINCE at 0/10 on the final 31 March: MISSED).
/// </summary>
public sealed class ReportAlertsTests : IAsyncLifetime
{
    private static readonly (string Scope, string ScopeId, long Shortfall)[] OpenAlerts =
    [
        ("PROVINCE", "", 11), ("LEVEL", "1", 10), ("UNIT", "SO-A", 10), ("UNIT", "X-A", 2), ("LEVEL", "3", 1),
    ];

    private readonly ProvinceWorkspace _workspace = new();

    public async ValueTask InitializeAsync()
    {
        _workspace.AddUnits(new UnitRow("SO-A", "Sở A", 1), new UnitRow("X-A", "Xã A", 3), new UnitRow("X-B", "Xã B", 3));
        _workspace.AddProcedures(new ProcedureRow("SO-A", "P1", 3), new ProcedureRow("X-A", "P1", 3), new ProcedureRow("X-B", "P1", 3));
        var dossiers = new List<DossierRow>();
        Add("X-B", "2024-03-10", 10, online: 0);
        Add("SO-A", "2024-04-05", 20, online: 0);
        Add("X-A", "2024-04-05", 30, online: 13);
        Add("X-B", "2024-04-05", 10, online: 0);
        Add("X-B", "2024-04-15", 12, online: 12);
        _workspace.AddDossiers(dossiers);
        foreach (var date in (string[])["2024-03-31", "2024-04-10", "2024-04-20"])
        {
            (await _workspace.RunAsync("once", "--date", date)).ShouldSucceed();
        }

        void Add(string unitId, string day, int count, int online)
        {
            for (var i = 0; i < count; i++)
            {
                dossiers.Add(new DossierRow($"{unitId}-{day}-{i:D2}", unitId, "P1")
                {
                    Channel = i < online ? 2 : 1,
                    ReceivedAt = $"{day} 09:{i:D2}:00",
                    Digitized = 1,
                    ReusedData = 1,
                    UpdatedAt = "2024-04-21 08:00:00",
                });
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _workspace.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task ReportAlertsCsv_ListsOpenAlertsOnlyLargestShortfallFirst()
    {
        var result = (await _workspace.RunAsync("report", "--alerts", "--format", "csv")).ShouldSucceed();

        var records = Csv.Parse(result.StdOut.TrimEnd('\r', '\n'));
        var header = records[0];
        header.ShouldContain("shortfall");
        var lines = records.Skip(1).Select(r => header.Zip(r).ToDictionary(p => p.First, p => p.Second)).ToList();
        lines.Select(l => (l["scope"], l["scope_id"])).ShouldBe(OpenAlerts.Select(a => (a.Scope, a.ScopeId)), ignoreOrder: true, result.Describe());
        ShouldBeLargestShortfallFirst(lines.Select(l => long.Parse(l["shortfall"], CultureInfo.InvariantCulture)).ToList(), result);
        foreach (var (scope, scopeId, shortfall) in OpenAlerts)
        {
            var line = lines.Single(l => l["scope"] == scope && l["scope_id"] == scopeId);
            long.Parse(line["shortfall"], CultureInfo.InvariantCulture).ShouldBe(shortfall, $"{scope} {scopeId}");
            line["indicator"].ShouldBe("ONLINE_DOSSIER");
            line["period_start"].ShouldBe("2024-04-01");
        }

        var province = lines.Single(l => l["scope"] == "PROVINCE");
        (province["numerator"], province["denominator"], province["severity"]).ShouldBe(("25", "72", "CRITICAL"));
        decimal.Parse(province["ratio"], CultureInfo.InvariantCulture).ShouldBe(34.72m);
        var xaA = lines.Single(l => l["scope_id"] == "X-A");
        (xaA["numerator"], xaA["denominator"], xaA["severity"]).ShouldBe(("13", "30", "WARNING"));
    }

    [Fact]
    public async Task ReportAlertsJson_ListsOpenAlertsOnlyLargestShortfallFirst()
    {
        var result = (await _workspace.RunAsync("report", "--alerts", "--format", "json")).ShouldSucceed();

        using var json = JsonDocument.Parse(result.StdOut);
        var alerts = json.RootElement.EnumerateArray().ToList();
        alerts.Select(a => (a.GetProperty("scope").GetString(), a.GetProperty("scope_id").GetString()))
            .ShouldBe(OpenAlerts.Select(a => ((string?)a.Scope, (string?)a.ScopeId)), ignoreOrder: true, result.Describe());
        ShouldBeLargestShortfallFirst(alerts.Select(a => a.GetProperty("shortfall").GetInt64()).ToList(), result);
        var level3 = alerts.Single(a => a.GetProperty("scope").GetString() == "LEVEL" && a.GetProperty("scope_id").GetString() == "3");
        level3.GetProperty("shortfall").GetInt64().ShouldBe(1);
        level3.GetProperty("numerator").GetInt64().ShouldBe(25);
        level3.GetProperty("denominator").GetInt64().ShouldBe(52);
        level3.GetProperty("severity").GetString().ShouldBe("WARNING");
    }

    [Fact]
    public async Task ReportAlertsTable_ListsOpenAlertsOnlyLargestShortfallFirst()
    {
        var result = (await _workspace.RunAsync("report", "--alerts")).ShouldSucceed();

        // Each open alert is one table row naming its scope: Toàn tỉnh, Cấp tỉnh / Cấp xã, or the unit's name.
        var rows = result.StdOut.Split('\n')
            .Select(l => l.Split('│', StringSplitOptions.TrimEntries))
            .Where(cells => cells.Length > 3 && cells.Any(c => c.Contains("ONLINE", StringComparison.Ordinal) || c.Contains("trực tuyến", StringComparison.Ordinal)))
            .ToList();
        var labels = new Dictionary<(string, string), string>
        {
            [("PROVINCE", "")] = "Toàn tỉnh", [("LEVEL", "1")] = "Cấp tỉnh", [("UNIT", "SO-A")] = "Sở A",
            [("UNIT", "X-A")] = "Xã A", [("LEVEL", "3")] = "Cấp xã",
        };
        rows.Count.ShouldBe(OpenAlerts.Length, result.StdOut);
        result.StdOut.ShouldNotContain("Xã B", Case.Sensitive, "X-B's alert is RESOLVED");
        var shortfalls = new List<long>();
        foreach (var row in rows)
        {
            var alert = OpenAlerts.Single(a => row.Any(c => c.StartsWith(labels[(a.Scope, a.ScopeId)], StringComparison.Ordinal)));
            row.ShouldContain(alert.Shortfall.ToString(CultureInfo.InvariantCulture), $"the shortfall of {alert.Scope} {alert.ScopeId}");
            shortfalls.Add(alert.Shortfall);
        }

        ShouldBeLargestShortfallFirst(shortfalls, result);
    }

    [Fact]
    public async Task ReportAlerts_Date_ListsAlertsOpenOnThatDateIncludingOnesResolvedSince()
    {
        // On 10 April every April miss was open, X-B's too (0/10; met, so RESOLVED, only on the 20th).
        var result = (await _workspace.RunAsync("report", "--alerts", "--date", "2024-04-10", "--format", "json")).ShouldSucceed();

        AlertKeys(result).ShouldBe(
            [.. OpenAlerts.Select(a => (a.Scope, a.ScopeId)), ("UNIT", "X-B")], ignoreOrder: true, result.Describe());
    }

    [Fact]
    public async Task ReportAlerts_DateBeforeAnyMiss_ListsNone()
    {
        // The March alerts opened with the snapshot of 31 March; on the 20th none was open.
        var result = (await _workspace.RunAsync("report", "--alerts", "--date", "2024-03-20", "--format", "json")).ShouldSucceed();

        AlertKeys(result).ShouldBeEmpty(result.Describe());
    }

    [Fact]
    public async Task ReportAlerts_PeriodWithoutAlerts_ListsNone()
    {
        // Alerts:Periods is MTD: no QTD alert exists.
        var result = (await _workspace.RunAsync("report", "--alerts", "--period", "QTD", "--format", "json")).ShouldSucceed();

        AlertKeys(result).ShouldBeEmpty(result.Describe());
    }

    [Fact]
    public async Task ReportAlerts_Scope_ListsThatScopeOnly()
    {
        var units = (await _workspace.RunAsync("report", "--alerts", "--scope", "UNIT", "--format", "json")).ShouldSucceed();
        var levels = (await _workspace.RunAsync("report", "--alerts", "--scope", "LEVEL", "--date", "2024-04-10", "--format", "json")).ShouldSucceed();

        AlertKeys(units).ShouldBe([("UNIT", "SO-A"), ("UNIT", "X-A")], ignoreOrder: true, units.Describe());
        AlertKeys(levels).ShouldBe([("LEVEL", "1"), ("LEVEL", "3")], ignoreOrder: true, levels.Describe());
    }

    private static List<(string Scope, string ScopeId)> AlertKeys(CliResult result)
    {
        using var json = JsonDocument.Parse(result.StdOut);
        return [.. json.RootElement.EnumerateArray().Select(a => (a.GetProperty("scope").GetString()!, a.GetProperty("scope_id").GetString()!))];
    }

    private static void ShouldBeLargestShortfallFirst(IReadOnlyList<long> shortfalls, CliResult result)
    {
        shortfalls.Count.ShouldBe(OpenAlerts.Length, result.Describe());
        shortfalls.ShouldBe(shortfalls.OrderByDescending(s => s).ToList(), $"largest shortfall first{Environment.NewLine}{result.Describe()}");
    }
}
