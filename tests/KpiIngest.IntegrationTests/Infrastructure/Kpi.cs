namespace KpiIngest.IntegrationTests.Infrastructure;

/// <summary>The contract's vocabulary (indicators.md, store.md), spelled once.</summary>
public static class Kpi
{
    public const string OnlineDossier = "ONLINE_DOSSIER";
    public const string OnlinePayment = "ONLINE_PAYMENT";
    public const string Digitized = "DIGITIZED";
    public const string EResult = "E_RESULT";
    public const string DataReuse = "DATA_REUSE";
    public const string OnlineServiceUsed = "ONLINE_SERVICE_USED";
    public const string OnlinePaymentUsed = "ONLINE_PAYMENT_USED";
    public const string OnTime = "ON_TIME";
    public const string FullOnlineDossier = "FULL_ONLINE_DOSSIER";

    public const string Province = "PROVINCE";
    public const string Level = "LEVEL";
    public const string Unit = "UNIT";

    public const string Day = "DAY";
    public const string Mtd = "MTD";
    public const string Ytd = "YTD";

    public static readonly IReadOnlyList<string> Indicators =
    [
        OnlineDossier, OnlinePayment, Digitized, EResult, DataReuse,
        OnlineServiceUsed, OnlinePaymentUsed, OnTime, FullOnlineDossier,
    ];

    /// <summary>The built-in set (indicators.md, "Targets"): NQ 02/NQ-CP and QĐ 766, effective 2024-01-01.</summary>
    public static readonly IReadOnlyDictionary<string, decimal?> BuiltInTargets = new Dictionary<string, decimal?>
    {
        [OnlineDossier] = 50m,
        [OnlinePayment] = 45m,
        [Digitized] = 80m,
        [EResult] = 100m,
        [DataReuse] = 50m,
        [OnlineServiceUsed] = 100m,
        [OnlinePaymentUsed] = 100m,
        [OnTime] = null,
        [FullOnlineDossier] = null,
    };
}
