namespace KpiIngest.Core.Indicators;

/// <summary>The nine indicators of indicators.md, numbered as there; the text code is the stable identifier.</summary>
public enum IndicatorCode
{
    OnlineDossier = 1,
    OnlinePayment = 2,
    Digitized = 3,
    EResult = 4,
    DataReuse = 5,
    OnlineServiceUsed = 6,
    OnlinePaymentUsed = 7,
    OnTime = 8,
    FullOnlineDossier = 9,
}
