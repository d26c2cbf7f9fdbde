using System.Globalization;
using Shouldly;

namespace KpiIngest.IntegrationTests.Infrastructure;

/// <summary>One expected kpi_snapshot figure, worked out by hand from the spec.</summary>
public sealed record Figure(
    string Scope, string ScopeId, string Indicator, long N, long D, decimal? Ratio, decimal? Target, bool? Met)
{
    /// <summary>A figure whose target is the built-in set's for its indicator.</summary>
    public static Figure BuiltIn(string scope, string scopeId, string indicator, long n, long d, decimal? ratio, bool? met) =>
        new(scope, scopeId, indicator, n, d, ratio, Kpi.BuiltInTargets[indicator], met);
}

public static class SnapshotAssert
{
    /// <summary>
    /// Checks every expected figure against the row of the same key, all columns at once, and reports every mismatch
    /// together: N, D, ratio, target, met, period_start, level (null for PROVINCE, the level for LEVEL, the unit's
    /// level for UNIT) and is_final = 1.
    /// </summary>
    public static void ShouldMatch(
        IReadOnlyList<StoredSnapshotRow> rows,
        string snapshotDate,
        string period,
        string periodStart,
        IReadOnlyDictionary<string, int> unitLevels,
        IEnumerable<Figure> expected)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(unitLevels);
        ArgumentNullException.ThrowIfNull(expected);

        var ofDate = rows.Where(r => r.SnapshotDate == snapshotDate && r.Period == period)
            .GroupBy(r => (r.Scope, r.ScopeId, r.Indicator))
            .ToDictionary(g => g.Key, g => g.ToList());
        var problems = new List<string>();
        foreach (var figure in expected)
        {
            var where = $"{snapshotDate} {period} {figure.Scope}[{figure.ScopeId}] {figure.Indicator}";
            if (!ofDate.TryGetValue((figure.Scope, figure.ScopeId, figure.Indicator), out var found))
            {
                problems.Add($"{where}: no row");
                continue;
            }

            if (found.Count > 1)
            {
                problems.Add($"{where}: {found.Count} rows for one key");
            }

            var row = found[0];
            var expectedLevel = figure.Scope switch
            {
                Kpi.Province => (int?)null,
                Kpi.Level => int.Parse(figure.ScopeId, CultureInfo.InvariantCulture),
                _ => unitLevels[figure.ScopeId],
            };
            Compare(problems, where, "numerator", figure.N, row.Numerator);
            Compare(problems, where, "denominator", figure.D, row.Denominator);
            Compare(problems, where, "ratio", figure.Ratio, row.Ratio);
            Compare(problems, where, "target", figure.Target, row.Target);
            Compare(problems, where, "met", figure.Met, row.Met);
            Compare(problems, where, "period_start", periodStart, row.PeriodStart);
            Compare(problems, where, "level", expectedLevel, row.Level);
            Compare(problems, where, "is_final", true, row.IsFinal);
        }

        problems.ShouldBeEmpty(
            $"kpi_snapshot differs from the hand-worked figures; rows of {snapshotDate} {period} are:{Environment.NewLine}" +
            string.Join(Environment.NewLine, rows.Where(r => r.SnapshotDate == snapshotDate && r.Period == period)));
    }

    /// <summary>
    /// The (scope, scope_id) pairs with rows for this date and period are exactly <paramref name="scopes"/>, and each
    /// has exactly one row per indicator, the nine of indicators.md (store.md: D = 0 included).
    /// </summary>
    public static void ScopesShouldBe(
        IReadOnlyList<StoredSnapshotRow> rows, string snapshotDate, string period, params (string Scope, string ScopeId)[] scopes)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var ofDate = rows.Where(r => r.SnapshotDate == snapshotDate && r.Period == period).ToList();
        var actual = ofDate.Select(r => (r.Scope, r.ScopeId)).Distinct().OrderBy(s => s.Scope).ThenBy(s => s.ScopeId).ToList();
        var wanted = scopes.OrderBy(s => s.Scope).ThenBy(s => s.ScopeId).ToList();
        actual.ShouldBe(wanted, $"the scopes with {snapshotDate} {period} rows");

        foreach (var scope in wanted)
        {
            ofDate.Where(r => (r.Scope, r.ScopeId) == scope)
                .Select(r => r.Indicator)
                .OrderBy(i => i, StringComparer.Ordinal)
                .ShouldBe(Kpi.Indicators.OrderBy(i => i, StringComparer.Ordinal),
                    $"{snapshotDate} {period} {scope.Scope}[{scope.ScopeId}] must have one row per indicator");
        }
    }

    private static void Compare<T>(List<string> problems, string where, string column, T expected, T actual)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            problems.Add($"{where}: {column} expected {Show(expected)} but was {Show(actual)}");
        }
    }

    private static string Show(object? value) =>
        value is null ? "null" : Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null";
}
