using KpiIngest.IntegrationTests.Infrastructure;

namespace KpiIngest.IntegrationTests.EndToEnd;

/// <summary>
/// A small province whose April 2024 figures are counted by hand in <see cref="HandCheckedProvinceTests"/>.
/// Times are local (Asia/Ho_Chi_Minh, UTC+7) unless they carry an offset.
/// <code>
/// unit   level  lifetime             catalog pairs (online_mode, has_fee, online_payment, requires_result)
/// SO-TP  1      always               P1 (4,1,1,1)  P2 (3,0,0,0)  P3 (2,1,1,1)  P4 (4,1,1,1)
/// SO-YT  1      always               P8 (3,1,1,1)                       no dossiers at all
/// H-AN   2      to 2025-06-30        P1 (3,1,0,1)  P5 (4,0,0,1)
/// X-A    3      always               P6 (0,1,1,0)  P7 (4,1,1,1)        P9: dossiers, no catalog row
/// X-B    3      from 2025-07-01      P7 (4,1,1,1)                       not active in 2024
/// </code>
/// </summary>
public static class HandCheckedProvince
{
    public static readonly IReadOnlyDictionary<string, int> UnitLevels = new Dictionary<string, int>
    {
        ["SO-TP"] = 1, ["SO-YT"] = 1, ["H-AN"] = 2, ["X-A"] = 3, ["X-B"] = 3,
    };

    public static readonly UnitRow[] Units =
    [
        new("SO-TP", "Sở Tư pháp", 1),
        new("SO-YT", "Sở Y tế", 1),
        new("H-AN", "Huyện An Nhơn", 2) { ActiveTo = "2025-06-30" },
        new("X-A", "Xã An Hòa", 3) { ParentId = "H-AN" },
        new("X-B", "Xã Bình Mới", 3) { ActiveFrom = "2025-07-01" },
    ];

    public static readonly ProcedureRow[] Procedures =
    [
        new("SO-TP", "P1", 4) { HasFee = 1, OnlinePayment = 1, RequiresResult = 1, ProcedureName = "Cấp Phiếu lý lịch tư pháp" },
        new("SO-TP", "P2", 3) { HasFee = 0, OnlinePayment = 0, RequiresResult = 0 },
        new("SO-TP", "P3", 2) { HasFee = 1, OnlinePayment = 1, RequiresResult = 1 },
        new("SO-TP", "P4", 4) { HasFee = 1, OnlinePayment = 1, RequiresResult = 1 },
        new("SO-YT", "P8", 3) { HasFee = 1, OnlinePayment = 1, RequiresResult = 1 },
        new("H-AN", "P1", 3) { HasFee = 1, OnlinePayment = 0, RequiresResult = 1 },
        new("H-AN", "P5", 4) { HasFee = 0, OnlinePayment = 0, RequiresResult = 1 },
        new("X-A", "P6", 0) { HasFee = 1, OnlinePayment = 1, RequiresResult = 0 },
        new("X-A", "P7", 4) { HasFee = 1, OnlinePayment = 1, RequiresResult = 1 },
        new("X-B", "P7", 4) { HasFee = 1, OnlinePayment = 1, RequiresResult = 1 },
    ];

    /// <summary>38 rows: 19 at SO-TP, 8 at H-AN, 11 at X-A; 32 of them received in April 2024.</summary>
    public static readonly DossierRow[] Dossiers =
    [
        // ---- SO-TP (level 1): 13 received in April: T01-T12 and T19 ----
        new("T01", "SO-TP", "P1")
        {
            Channel = 2, Status = 10, ReceivedAt = "2024-04-01 08:00:00", DueAt = "2024-04-05 17:00:00",
            ResolvedAt = "2024-04-04 10:00:00", FeeAmount = 100000m, PaidOnline = 1, Digitized = 1, EResult = 1, ReusedData = 1,
        },
        new("T02", "SO-TP", "P1") // resolved late
        {
            Channel = 2, Status = 10, ReceivedAt = "2024-04-02 08:00:00", DueAt = "2024-04-06 17:00:00",
            ResolvedAt = "2024-04-08 09:00:00", FeeAmount = 100000m, PaidOnline = 2, Digitized = 1,
        },
        new("T03", "SO-TP", "P1") // resolved, no due date
        {
            Channel = 1, Status = 9, ReceivedAt = "2024-04-03 09:00:00", ResolvedAt = "2024-04-10 15:00:00",
            FeeAmount = 100000m, Digitized = 1, EResult = 1,
        },
        new("T04", "SO-TP", "P1") { Channel = 2, Status = 4, ReceivedAt = "2024-04-15 10:00:00", FeeAmount = 100000m, ReusedData = 1 },
        new("T05", "SO-TP", "P2") // resolved exactly at the due time: on time
        {
            Channel = 2, Status = 10, ReceivedAt = "2024-04-05 08:00:00", DueAt = "2024-04-12 17:00:00",
            ResolvedAt = "2024-04-12 17:00:00", Digitized = 1,
        },
        new("T06", "SO-TP", "P2") // late, fee 0
        {
            Channel = 1, Status = 9, ReceivedAt = "2024-04-08 08:00:00", DueAt = "2024-04-10 17:00:00",
            ResolvedAt = "2024-04-11 08:00:00", FeeAmount = 0m,
        },
        new("T07", "SO-TP", "P2") { Channel = 3, Status = 2, ReceivedAt = "2024-04-20 08:00:00", Digitized = 1 },
        new("T08", "SO-TP", "P3")
        {
            Channel = 1, Status = 10, ReceivedAt = "2024-04-22 08:00:00", DueAt = "2024-04-29 17:00:00",
            ResolvedAt = "2024-04-25 10:00:00", FeeAmount = 50000m, Digitized = 1, EResult = 1, ReusedData = 1,
        },
        new("T09", "SO-TP", "P3") { Channel = 1, Status = 5, ReceivedAt = "2024-04-23 14:00:00", FeeAmount = 50000m },
        new("T10", "SO-TP", "P2") { Channel = 2, Status = 6, ReceivedAt = "2024-04-30 23:59:59", Digitized = 1 },
        new("T11", "SO-TP", "P1") // 30 April local, written with its offset
        {
            Channel = 2, Status = 2, ReceivedAt = "2024-04-30T23:30:00+07:00", FeeAmount = 100000m, PaidOnline = 1,
            Digitized = 1, ReusedData = 1,
        },
        new("T12", "SO-TP", "P3") { Channel = 1, Status = 7, ReceivedAt = "2024-04-12 08:00:00", FeeAmount = 50000m },
        new("T19", "SO-TP", "P1") // resolved 2024-05-01 01:00 local: received in April, not resolved in April
        {
            Channel = 2, Status = 10, ReceivedAt = "2024-04-29 08:00:00", DueAt = "2024-05-03 17:00:00",
            ResolvedAt = "2024-04-30T18:00:00Z", FeeAmount = 100000m, PaidOnline = 1, EResult = 1,
        },

        // Not received in April: new, refused, May (local), and two received in March.
        new("T13", "SO-TP", "P4") { Channel = 2, Status = 1, ReceivedAt = null },
        new("T14", "SO-TP", "P4") { Channel = 2, Status = 3, ReceivedAt = "2024-04-10 08:00:00", FeeAmount = 100000m, PaidOnline = 1 },
        new("T15", "SO-TP", "P4") { Channel = 2, Status = 2, ReceivedAt = "2024-05-01 00:00:00", FeeAmount = 100000m, PaidOnline = 1, Digitized = 1 },
        new("T16", "SO-TP", "P4") // 2024-05-01 00:30 local
        {
            Channel = 2, Status = 2, ReceivedAt = "2024-04-30T17:30:00Z", FeeAmount = 100000m, PaidOnline = 1, Digitized = 1,
        },
        new("T17", "SO-TP", "P2") // received in March, resolved on time in April
        {
            Channel = 1, Status = 10, ReceivedAt = "2024-03-28 08:00:00", DueAt = "2024-04-03 17:00:00",
            ResolvedAt = "2024-04-02 10:00:00",
        },
        new("T18", "SO-TP", "P1") // received and resolved in March: YTD only
        {
            Channel = 2, Status = 9, ReceivedAt = "2024-03-15 08:00:00", DueAt = "2024-03-20 17:00:00",
            ResolvedAt = "2024-03-19 10:00:00", FeeAmount = 100000m, PaidOnline = 1, Digitized = 1, EResult = 1,
        },

        // ---- H-AN (level 2): 8 received in April ----
        new("H01", "H-AN", "P1") // paid online although the pair offers no online payment
        {
            Channel = 1, Status = 10, ReceivedAt = "2024-04-02 08:00:00", DueAt = "2024-04-09 17:00:00",
            ResolvedAt = "2024-04-09 16:00:00", FeeAmount = 200000m, PaidOnline = 1, Digitized = 1, EResult = 1, ReusedData = 1,
        },
        new("H02", "H-AN", "P1")
        {
            Channel = 1, Status = 9, ReceivedAt = "2024-04-03 08:00:00", DueAt = "2024-04-05 17:00:00",
            ResolvedAt = "2024-04-10 09:00:00", FeeAmount = 200000m, PaidOnline = 1,
        },
        new("H03", "H-AN", "P1") { Channel = 3, Status = 4, ReceivedAt = "2024-04-11 08:00:00", FeeAmount = 200000m, PaidOnline = 2, Digitized = 1 },
        new("H04", "H-AN", "P5")
        {
            Channel = 2, Status = 10, ReceivedAt = "2024-04-15 08:00:00", DueAt = "2024-04-20 17:00:00",
            ResolvedAt = "2024-04-18 10:00:00", Digitized = 1, EResult = 1,
        },
        new("H05", "H-AN", "P5")
        {
            Channel = 2, Status = 10, ReceivedAt = "2024-04-16 08:00:00", ResolvedAt = "2024-04-19 10:00:00",
            FeeAmount = 0m, Digitized = 1, ReusedData = 1,
        },
        new("H06", "H-AN", "P5") { Channel = 1, Status = 2, ReceivedAt = "2024-04-30 08:00:00" },
        new("H07", "H-AN", "P5") { Channel = 2, Status = 8, ReceivedAt = "2024-04-24 08:00:00", Digitized = 1 },
        new("H08", "H-AN", "P1")
        {
            Channel = 1, Status = 2, ReceivedAt = "2024-04-26 08:00:00", FeeAmount = 200000m, PaidOnline = 1, Digitized = 1, ReusedData = 1,
        },

        // ---- X-A (level 3): 11 received in April; X07-X09 are uncatalogued (no (X-A, P9) row) ----
        new("X01", "X-A", "P6") // paid online with fee 0: counts for indicator 7, not for 2
        {
            Channel = 1, Status = 10, ReceivedAt = "2024-04-01 08:00:00", DueAt = "2024-04-03 17:00:00",
            ResolvedAt = "2024-04-02 09:00:00", FeeAmount = 0m, PaidOnline = 2, Digitized = 1, ReusedData = 1,
        },
        new("X02", "X-A", "P6") { Channel = 1, Status = 2, ReceivedAt = "2024-04-05 08:00:00", FeeAmount = 30000m },
        new("X03", "X-A", "P6") { Channel = 1, Status = 2, ReceivedAt = "2024-04-06 08:00:00", Digitized = 1 },
        new("X04", "X-A", "P7") // one second late
        {
            Channel = 2, Status = 10, ReceivedAt = "2024-04-08 08:00:00", DueAt = "2024-04-12 17:00:00",
            ResolvedAt = "2024-04-12 17:00:01", FeeAmount = 20000m, Digitized = 1, EResult = 1,
        },
        new("X05", "X-A", "P7")
        {
            Channel = 1, Status = 9, ReceivedAt = "2024-04-09 08:00:00", DueAt = "2024-04-15 17:00:00",
            ResolvedAt = "2024-04-10 08:00:00", FeeAmount = 20000m,
        },
        new("X06", "X-A", "P7") { Channel = 2, Status = 4, ReceivedAt = "2024-04-20 08:00:00", FeeAmount = 20000m, Digitized = 1, ReusedData = 1 },
        new("X07", "X-A", "P9")
        {
            Channel = 2, Status = 10, ReceivedAt = "2024-04-10 08:00:00", DueAt = "2024-04-20 17:00:00",
            ResolvedAt = "2024-04-15 08:00:00", FeeAmount = 10000m, PaidOnline = 1, Digitized = 1,
        },
        new("X08", "X-A", "P9") { Channel = 1, Status = 9, ReceivedAt = "2024-04-11 08:00:00", ResolvedAt = "2024-04-30 10:00:00", EResult = 1 },
        new("X09", "X-A", "P9") { Channel = 2, Status = 2, ReceivedAt = "2024-04-29 08:00:00", Digitized = 1, ReusedData = 1 },
        new("X10", "X-A", "P6") { Channel = 1, Status = 2, ReceivedAt = "2024-04-30 10:00:00", FeeAmount = 30000m },
        new("X11", "X-A", "P7") { Channel = 2, Status = 2, ReceivedAt = "2024-04-30 09:00:00", FeeAmount = 20000m, Digitized = 1 },
    ];

    public static void SeedCatalog(ProvinceWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        workspace.AddUnits(Units);
        workspace.AddProcedures(Procedures);
    }

    public static void Seed(ProvinceWorkspace workspace)
    {
        SeedCatalog(workspace);
        workspace.AddDossiers(Dossiers);
    }
}
