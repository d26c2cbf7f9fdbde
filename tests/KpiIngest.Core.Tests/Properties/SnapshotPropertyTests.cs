using FsCheck;
using FsCheck.Fluent;
using KpiIngest.Core.Indicators;
using KpiIngest.Core.Snapshots;
using KpiIngest.Core.Targets;
using KpiIngest.Core.Tests.Support;
using Shouldly;

namespace KpiIngest.Core.Tests.Properties;

/// <summary>
/// indicators.md, "Scopes": PROVINCE is every unit, a LEVEL all units of that level, and every scope's figure
/// is a ratio of sums; so over random valid dossiers N and D add up across scopes, and PROVINCE agrees with
/// the table computed literally.
/// </summary>
public sealed class SnapshotPropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(300);

    private static IReadOnlyList<SnapshotRow> Compose(Scenario s)
    {
        var sums = World.PeriodSums(s.Dossiers, s.AsOf, s.Kind);
        return new SnapshotComposer(s.Units, s.Catalog, TargetBook.BuiltIn).Compose(s.AsOf, s.Kind, sums, isFinal: true);
    }

    [Fact]
    public void Compose_RandomDossiers_ProvinceEqualsSumOfUnits()
    {
        Check.One(Runs, Prop.ForAll(Generators.Scenario.ToArbitrary(), (Scenario s) =>
        {
            var rows = Compose(s);
            foreach (var indicator in Enum.GetValues<IndicatorCode>())
            {
                var province = rows.Province(indicator);
                var units = rows.Where(r => r.Scope == ScopeKind.Unit && r.Indicator == indicator).ToList();
                province.Numerator.ShouldBe(units.Sum(r => r.Numerator), $"N of {indicator}");
                province.Denominator.ShouldBe(units.Sum(r => r.Denominator), $"D of {indicator}");
            }
        }));
    }

    [Fact]
    public void Compose_RandomDossiers_EachLevelEqualsSumOfItsUnits()
    {
        Check.One(Runs, Prop.ForAll(Generators.Scenario.ToArbitrary(), (Scenario s) =>
        {
            var rows = Compose(s);
            foreach (var level in rows.Where(r => r.Scope == ScopeKind.Level).Select(r => r.Level!.Value).Distinct())
            {
                foreach (var indicator in Enum.GetValues<IndicatorCode>())
                {
                    var units = rows.Where(r => r.Scope == ScopeKind.Unit && r.Level == level && r.Indicator == indicator).ToList();
                    var row = rows.Level(level, indicator);
                    row.Numerator.ShouldBe(units.Sum(r => r.Numerator), $"N of level {level} {indicator}");
                    row.Denominator.ShouldBe(units.Sum(r => r.Denominator), $"D of level {level} {indicator}");
                }
            }
        }));
    }

    [Fact]
    public void Compose_RandomDossiers_ProvinceMatchesTheTableComputedLiterally()
    {
        Check.One(Runs, Prop.ForAll(Generators.Scenario.ToArbitrary(), (Scenario s) =>
        {
            var rows = Compose(s);
            var expected = SpecOracle.Province(s.Units, s.Catalog, s.Dossiers, s.AsOf, s.Kind);
            foreach (var (indicator, (n, d)) in expected)
            {
                var row = rows.Province(indicator);
                (row.Numerator, row.Denominator).ShouldBe((n, d), $"{indicator} N, D");
                row.Ratio.ShouldBe(d == 0 ? null : Math.Round(100m * n / d, 2, MidpointRounding.AwayFromZero), $"{indicator} ratio");
            }
        }));
    }

    [Fact]
    public void Compose_RandomDossiers_EveryScopeHasNineRows()
    {
        Check.One(Runs, Prop.ForAll(Generators.Scenario.ToArbitrary(), (Scenario s) =>
        {
            var rows = Compose(s);
            rows.GroupBy(r => (r.Scope, r.ScopeId)).ShouldAllBe(g => g.Count() == 9 && g.Select(r => r.Indicator).Distinct().Count() == 9);
            rows.Count(r => r.Scope == ScopeKind.Province).ShouldBe(9);
        }));
    }
}
