using System.Globalization;
using System.Text.Json.Nodes;
using KpiIngest.IntegrationTests.Infrastructure;

namespace KpiIngest.IntegrationTests.Email;

/// <summary>
/// A small province whose dossiers were all received yesterday (local), so a <c>once --date YESTERDAY</c> run opens
/// alerts dated yesterday, which are mailed (indicators.md: only snapshots dated today or yesterday mail anything).
/// Every dossier is digitized, unpaid (no fee) and unresolved, so only ONLINE_DOSSIER and DATA_REUSE can miss;
/// each unit offers one catalog pair, so ONLINE_SERVICE_USED has D &lt; 10 and cannot alert.
/// <code>
/// unit   level  received yesterday  online  reused   MTD
/// SO-TP  1      12                  12      5        DATA_REUSE 5/12 = 41.67 % &lt; 50
/// X-A    3      12                   0      12       ONLINE_DOSSIER 0/12 = 0 % &lt; 50
/// X-B    3      12                  10      12       ONLINE_DOSSIER 10/12 met
/// </code>
/// The four alerts, worked out by hand (target − 10 points is the CRITICAL line):
/// <list type="bullet">
/// <item>UNIT X-A ONLINE_DOSSIER 0/12: 0 &lt; 40 × 12, CRITICAL; shortfall ceil(50 × 12 / 100) − 0 = 6.</item>
/// <item>LEVEL 3 ONLINE_DOSSIER (X-A + X-B) 10/24 = 41.67 %: 1000 &gt;= 960, WARNING; shortfall 12 − 10 = 2.</item>
/// <item>UNIT SO-TP DATA_REUSE 5/12 = 41.67 %: 500 &gt;= 480, WARNING; shortfall 6 − 5 = 1.</item>
/// <item>LEVEL 1 DATA_REUSE (SO-TP alone): the same 5/12, WARNING, shortfall 1.</item>
/// </list>
/// PROVINCE misses nothing: ONLINE_DOSSIER 22/36, DATA_REUSE 29/36, DIGITIZED 36/36.
/// </summary>
public static class MailProvince
{
    public const string SoTpName = "Sở Tư pháp";
    public const string XaAName = "Xã An Hòa";
    public const string XaBName = "Xã Bình Minh";
    public const string From = "kpi@tinh.example.test";

    /// <summary>Yesterday in the source's time zone (Asia/Ho_Chi_Minh).</summary>
    public static DateOnly Yesterday =>
        DateOnly.ParseExact(ProvinceClock.Now()[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(-1);

    public static DateOnly Today => Yesterday.AddDays(1);

    public static string YesterdayText => Yesterday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string PeriodStartText => new DateOnly(Yesterday.Year, Yesterday.Month, 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The status of an alert opened yesterday: MISSED when yesterday ended its month (its row is final), else OPEN.</summary>
    public static string ExpectedOpenStatus => Yesterday.AddDays(1).Day == 1 ? "MISSED" : "OPEN";

    public static void Seed(ProvinceWorkspace workspace)
    {
        workspace.AddUnits(
            new UnitRow("SO-TP", SoTpName, 1),
            new UnitRow("X-A", XaAName, 3),
            new UnitRow("X-B", XaBName, 3));
        workspace.AddProcedures(
            new ProcedureRow("SO-TP", "P1", 3) { ProcedureName = "Cấp Phiếu lý lịch tư pháp" },
            new ProcedureRow("X-A", "P1", 3) { ProcedureName = "Đăng ký khai sinh" },
            new ProcedureRow("X-B", "P1", 3) { ProcedureName = "Đăng ký khai sinh" });
        var dossiers = new List<DossierRow>();
        for (var i = 0; i < 12; i++)
        {
            dossiers.Add(Dossier($"SOTP-{i:D2}", "SO-TP", i, online: true, reused: i < 5));
            dossiers.Add(Dossier($"XA-{i:D2}", "X-A", i, online: false, reused: true));
            dossiers.Add(Dossier($"XB-{i:D2}", "X-B", i, online: i < 10, reused: true));
        }

        workspace.AddDossiers(dossiers);
    }

    /// <summary>
    /// Points the workspace's email at the SMTP server with these routes: a plain connection (UseStartTls false), unless
    /// <paramref name="smtp"/> sets other Email:Smtp keys (TLS, a login), which replace those; a key given as null is
    /// not written at all.
    /// </summary>
    public static void UseSmtp(ProvinceWorkspace workspace, int port, JsonArray routes, JsonObject? smtp = null)
    {
        var settings = new JsonObject { ["Host"] = "127.0.0.1", ["Port"] = port, ["UseStartTls"] = false };
        foreach (var (key, value) in smtp ?? [])
        {
            if (value is null)
            {
                settings.Remove(key); // left to its default, as when an operator does not write it
            }
            else
            {
                settings[key] = value.DeepClone();
            }
        }

        workspace.Configure(new JsonObject
        {
            ["Email"] = new JsonObject { ["From"] = From, ["Smtp"] = settings, ["Recipients"] = routes },
        });
    }

    public static JsonObject Route(string scope, string? id, params string[] to)
    {
        var route = new JsonObject { ["Scope"] = scope, ["To"] = new JsonArray([.. to.Select(a => (JsonNode?)JsonValue.Create(a))]) };
        if (id is not null)
        {
            route["Id"] = id;
        }

        return route;
    }

    private static DossierRow Dossier(string id, string unitId, int minute, bool online, bool reused)
    {
        var at = $"{YesterdayText} 08:{minute:D2}:00";
        return new DossierRow(id, unitId, "P1")
        {
            Channel = online ? 2 : 1,
            Status = 2,
            ReceivedAt = at,
            Digitized = 1,
            ReusedData = reused ? 1 : 0,
            UpdatedAt = at,
        };
    }
}
