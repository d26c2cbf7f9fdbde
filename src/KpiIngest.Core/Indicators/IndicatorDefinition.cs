namespace KpiIngest.Core.Indicators;

/// <summary>What an indicator is called and counts, as kpi_indicator publishes it for BI and digests show it.</summary>
public sealed record IndicatorDefinition(
    IndicatorCode Code,
    string Text,
    string NameVi,
    string NameEn,
    string NumeratorVi,
    string DenominatorVi,
    string NumeratorEn,
    string DenominatorEn,
    decimal? BuiltInTarget)
{
    public int Number => (int)Code;
}
