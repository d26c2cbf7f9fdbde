using KpiIngest.Core.Periods;
using KpiIngest.Core.Snapshots;

namespace KpiIngest.Core.Scorecard;

/// <summary>
/// One row of kpi_scorecard (scorecard.md, "Where it goes"): an item, a group (G1..G6) or the total (TOTAL) for a
/// scope over a period ending on the snapshot date. The store adds computed_at.
/// </summary>
/// <param name="SnapshotDate">S, the last day of the period.</param>
/// <param name="Period">MTD, QTD or YTD (never DAY).</param>
/// <param name="PeriodStart">The period's first day.</param>
/// <param name="Scope">Province, level or unit.</param>
/// <param name="ScopeId">"" for the province, the level's number, or the unit id.</param>
/// <param name="Level">The level of a level or unit scope; null for the province.</param>
/// <param name="Item">An item code, a group code G1..G6, or TOTAL.</param>
/// <param name="GroupCode">G1..G6; TOTAL for the total.</param>
/// <param name="Numerator">Null for groups, the total, and items without N/D or MISSING/ENTERED.</param>
/// <param name="Denominator">As <paramref name="Numerator"/>.</param>
/// <param name="Ratio">100·N/D rounded to 2 decimals; null when D = 0 or no N/D.</param>
/// <param name="Points">Rounded once, half away from zero, to 2 decimals; null when MISSING (or a group of nulls).</param>
/// <param name="MaxPoints">The item's max; a group's 18/20/12/10/18/22; TOTAL 100.</param>
/// <param name="KnownMaxPoints">The max of the items whose points are not null.</param>
/// <param name="Basis">Null for groups and the total.</param>
/// <param name="IsFinal">As kpi_snapshot.is_final.</param>
public sealed record ScorecardRow(
    DateOnly SnapshotDate,
    PeriodKind Period,
    DateOnly PeriodStart,
    ScopeKind Scope,
    string ScopeId,
    int? Level,
    string Item,
    string GroupCode,
    long? Numerator,
    long? Denominator,
    decimal? Ratio,
    decimal? Points,
    int MaxPoints,
    int KnownMaxPoints,
    ScoreBasis? Basis,
    bool IsFinal);
