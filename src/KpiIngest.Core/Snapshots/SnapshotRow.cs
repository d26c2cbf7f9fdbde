using KpiIngest.Core.Indicators;
using KpiIngest.Core.Periods;

namespace KpiIngest.Core.Snapshots;

/// <summary>One row of kpi_snapshot: an indicator for a scope over a period ending on the snapshot date.</summary>
public sealed record SnapshotRow(
    DateOnly SnapshotDate,
    PeriodKind Period,
    DateOnly PeriodStart,
    ScopeKind Scope,
    string ScopeId,
    int? Level,
    IndicatorCode Indicator,
    long Numerator,
    long Denominator,
    decimal? Ratio,
    decimal? Target,
    bool? Met,
    bool IsFinal);
