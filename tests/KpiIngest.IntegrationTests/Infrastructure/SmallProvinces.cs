using System.Net;
using System.Net.Sockets;

namespace KpiIngest.IntegrationTests.Infrastructure;

/// <summary>The small provinces several suites start from, and a free loopback port for the service's endpoint.</summary>
public static class SmallProvinces
{
    /// <summary>
    /// SO-TP (level 1, named <paramref name="unitName"/>) with P1 (online_mode 4, fee, online payment, needs a result)
    /// and P2 (online_mode 3): six dossiers received in April 2024, R1 online, none resolved.
    /// </summary>
    public static ProvinceWorkspace FillApril2024(ProvinceWorkspace workspace, string unitName = "Sở Tư pháp", bool withProcedures = true)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        workspace.AddUnits(new UnitRow("SO-TP", unitName, 1));
        if (withProcedures)
        {
            workspace.AddProcedures(
                new ProcedureRow("SO-TP", "P1", 4) { HasFee = 1, OnlinePayment = 1, RequiresResult = 1 },
                new ProcedureRow("SO-TP", "P2", 3) { HasFee = 0, OnlinePayment = 0, RequiresResult = 0 });
        }

        workspace.AddDossiers(
            new DossierRow("R1", "SO-TP", "P1") { Channel = 2, ReceivedAt = "2024-04-11 08:00:00" },
            new DossierRow("R2", "SO-TP", "P1") { ReceivedAt = "2024-04-10 08:00:00" },
            new DossierRow("R3", "SO-TP", "P2") { ReceivedAt = "2024-04-12 08:00:00" },
            new DossierRow("R4", "SO-TP", "P2") { Status = 4, ReceivedAt = "2024-04-13 08:00:00" },
            new DossierRow("R5", "SO-TP", "P1") { Status = 4, ReceivedAt = "2024-04-14 08:00:00" },
            new DossierRow("R6", "SO-TP", "P2") { ReceivedAt = "2024-04-30 08:00:00" });
        return workspace;
    }

    /// <summary>A province whose service polls every 2 seconds: SO-TP, P1, one online dossier updated yesterday.</summary>
    public static ProvinceWorkspace ForService()
    {
        var workspace = new ProvinceWorkspace();
        workspace.AddUnits(new UnitRow("SO-TP", "Sở Tư pháp", 1));
        workspace.AddProcedures(new ProcedureRow("SO-TP", "P1", 4) { HasFee = 1, OnlinePayment = 1 });
        workspace.AddDossiers(new DossierRow("D1", "SO-TP", "P1") { Channel = 2, UpdatedAt = ProvinceClock.NowPlus(TimeSpan.FromDays(-1)) });
        workspace.Configure("""{ "Schedule": { "Poll": "0/2 * * * * ?" }, "Service": { "StopTimeout": "00:00:20" } }""");
        return workspace;
    }

    /// <summary>Turns on the service's endpoint (health and dashboard) on a free loopback port; returns the port.</summary>
    public static int EnableDashboard(ProvinceWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var port = FreeLoopbackPort();
        workspace.Configure($$"""{ "Service": { "Health": { "Enabled": true, "Urls": "http://127.0.0.1:{{port}}" } } }""");
        return port;
    }

    /// <summary>Waits for the service's first successful poll: the store exists, migrated, with the source's units.</summary>
    public static Task FirstPollAsync(ProvinceWorkspace workspace, KpiProcess service)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(service);
        return Eventually.Until(() => workspace.Store.Runs().Any(r => r is { Kind: "poll", Status: "SUCCEEDED" }), "a poll to succeed", context: service.Describe);
    }

    /// <summary>A loopback port free now (the OS picks it), for the service's HTTP endpoint.</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
