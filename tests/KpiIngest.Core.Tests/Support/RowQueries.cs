using KpiIngest.Core.Indicators;
using KpiIngest.Core.Snapshots;
using Shouldly;

namespace KpiIngest.Core.Tests.Support;

internal static class RowQueries
{
    public static SnapshotRow Province(this IReadOnlyList<SnapshotRow> rows, IndicatorCode indicator) =>
        rows.Single(r => r.Scope == ScopeKind.Province && r.Indicator == indicator);

    public static SnapshotRow Level(this IReadOnlyList<SnapshotRow> rows, int level, IndicatorCode indicator) =>
        rows.Single(r => r.Scope == ScopeKind.Level && r.ScopeId == level.ToString(System.Globalization.CultureInfo.InvariantCulture)
            && r.Indicator == indicator);

    public static SnapshotRow UnitRow(this IReadOnlyList<SnapshotRow> rows, string unitId, IndicatorCode indicator) =>
        rows.Single(r => r.Scope == ScopeKind.Unit && r.ScopeId == unitId && r.Indicator == indicator);

    public static IReadOnlyList<SnapshotRow> OfScope(this IReadOnlyList<SnapshotRow> rows, ScopeKind scope, string scopeId) =>
        [.. rows.Where(r => r.Scope == scope && r.ScopeId == scopeId)];

    public static void ShouldCount(this SnapshotRow row, long numerator, long denominator)
    {
        row.ShouldSatisfyAllConditions(
            () => row.Numerator.ShouldBe(numerator, $"N of {row.Scope} {row.ScopeId} {row.Indicator}"),
            () => row.Denominator.ShouldBe(denominator, $"D of {row.Scope} {row.ScopeId} {row.Indicator}"));
    }
}
