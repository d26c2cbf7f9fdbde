using KpiIngest.Core.Facts;
using KpiIngest.Core.Periods;
using KpiIngest.Core.Scorecard;
using KpiIngest.Core.Snapshots;
using KpiIngest.Core.Source;
using KpiIngest.Core.Tests.Support;
using Shouldly;

namespace KpiIngest.Core.Tests.Scorecard;

/// <summary>
/// A hand-made period for the scorecard: units, catalog pairs, each pair's period sums (set count by count, as the
/// daily pairs would hold them) and per-unit overdue counts, composed as of 30 April 2024, MTD.
/// </summary>
internal sealed class ScorecardCase
{
    public const string AsOf = "2024-04-30";

    private readonly List<Unit> _units = [];
    private readonly List<CatalogPair> _catalog = [];
    private readonly Dictionary<PairKey, DayCounts> _sums = [];
    private readonly Dictionary<string, OverdueCounts> _overdue = new(StringComparer.Ordinal);

    public OptionalColumns Present { get; set; } = OptionalColumns.None;

    public EnteredPoints Entered { get; set; } = EnteredPoints.None;

    public IReadOnlyList<Unit> Units => _units;

    public IReadOnlyList<CatalogPair> Catalog => _catalog;

    public IReadOnlyDictionary<PairKey, DayCounts> Sums => _sums;

    public ScorecardCase Unit(string id, int level = 1, string? activeFrom = null, string? activeTo = null)
    {
        _units.Add(new Unit(id, null, "Đơn vị " + id, level,
            activeFrom is null ? null : Dates.Day(activeFrom), activeTo is null ? null : Dates.Day(activeTo)));
        return this;
    }

    public ScorecardCase Pair(
        string unitId, string code, int onlineMode = 0, bool hasFee = false, bool onlinePayment = false,
        bool requiresResult = true, bool citizenSubject = false)
    {
        _catalog.Add(new CatalogPair(unitId, code, "Thủ tục " + code, onlineMode, hasFee, onlinePayment, requiresResult, citizenSubject));
        return this;
    }

    /// <summary>Sets a pair's period sums (the pair need not be in the catalog).</summary>
    public ScorecardCase Counts(string unitId, string code, Func<DayCounts, DayCounts> shape)
    {
        _sums[new PairKey(unitId, code)] = shape(default);
        return this;
    }

    public ScorecardCase Overdue(string unitId, long overdue, long withComplaint = 0)
    {
        _overdue[unitId] = new OverdueCounts(overdue, withComplaint);
        return this;
    }

    public IReadOnlyList<ScorecardRow> Compose(PeriodKind period = PeriodKind.Mtd) =>
        new ScorecardComposer(_units, _catalog, Present, Entered).Compose(Dates.Day(AsOf), period, _sums, _overdue, isFinal: true);

    public IReadOnlyList<SnapshotRow> ComposeSnapshots(PeriodKind period = PeriodKind.Mtd) =>
        new SnapshotComposer(_units, _catalog, Core.Targets.TargetBook.BuiltIn).Compose(Dates.Day(AsOf), period, _sums, isFinal: true);
}

internal static class ScorecardRows
{
    public static ScorecardRow Province(this IReadOnlyList<ScorecardRow> rows, string item) =>
        rows.Single(r => r.Scope == ScopeKind.Province && r.Item == item);

    public static ScorecardRow Level(this IReadOnlyList<ScorecardRow> rows, int level, string item) =>
        rows.Single(r => r.Scope == ScopeKind.Level && r.Level == level && r.Item == item);

    public static ScorecardRow UnitRow(this IReadOnlyList<ScorecardRow> rows, string unitId, string item) =>
        rows.Single(r => r.Scope == ScopeKind.Unit && r.ScopeId == unitId && r.Item == item);

    /// <summary>N, D, ratio and points of a computed item, and its basis.</summary>
    public static void ShouldScore(this ScorecardRow row, long n, long d, decimal? ratio, decimal points, ScoreBasis basis)
    {
        row.ShouldSatisfyAllConditions(
            () => row.Numerator.ShouldBe(n, $"N of {row.Scope} {row.ScopeId} {row.Item}"),
            () => row.Denominator.ShouldBe(d, $"D of {row.Scope} {row.ScopeId} {row.Item}"),
            () => row.Ratio.ShouldBe(ratio, $"ratio of {row.Scope} {row.ScopeId} {row.Item}"),
            () => row.Points.ShouldBe(points, $"points of {row.Scope} {row.ScopeId} {row.Item}"),
            () => row.Basis.ShouldBe(basis, $"basis of {row.Scope} {row.ScopeId} {row.Item}"));
    }

    /// <summary>An item with no N/D (MISSING, ENTERED, CERTIFIED_COPY's proxy): N, D and ratio null.</summary>
    public static void ShouldHaveNoCounts(this ScorecardRow row, decimal? points, ScoreBasis basis)
    {
        row.ShouldSatisfyAllConditions(
            () => row.Numerator.ShouldBeNull($"N of {row.Item}"),
            () => row.Denominator.ShouldBeNull($"D of {row.Item}"),
            () => row.Ratio.ShouldBeNull($"ratio of {row.Item}"),
            () => row.Points.ShouldBe(points, $"points of {row.Item}"),
            () => row.Basis.ShouldBe(basis, $"basis of {row.Item}"),
            () => row.KnownMaxPoints.ShouldBe(points is null ? 0 : row.MaxPoints, $"known max of {row.Item}"));
    }
}
