using KpiIngest.Core.Scorecard;
using Shouldly;

namespace KpiIngest.Core.Tests.Scorecard;

/// <summary>scorecard.md, "Items": 21 items in six groups whose max points add up to 100; the item table names every row.</summary>
public sealed class ScorecardItemsTests
{
    [Fact]
    public void All_TwentyOneItems_InSixGroupsOfSpecMaxima()
    {
        ScorecardItems.All.Count.ShouldBe(21);
        ScorecardItems.Groups.Select(g => (g.Code, g.MaxPoints)).ShouldBe(
            [("G1", 18), ("G2", 20), ("G3", 12), ("G4", 10), ("G5", 18), ("G6", 22)]);
        ScorecardItems.Groups.Sum(g => g.MaxPoints).ShouldBe(ScorecardRuleSet.MaxPoints);
        foreach (var group in ScorecardItems.Groups)
        {
            ScorecardItems.All.Where(i => i.GroupCode == group.Code).Sum(i => i.MaxPoints).ShouldBe(group.MaxPoints, group.Code);
        }
    }

    [Fact]
    public void All_EnterableItems_AreTheFiveEnteredOrMissingAndCertifiedCopy()
    {
        ScorecardItems.All.Where(i => i.IsEnterable).Select(i => i.Code).ShouldBe(
        [
            "PUBLISH_ON_TIME", "PUBLIC_UPDATE_ON_TIME", "PUBLIC_CONTENT_FULL", "PETITION_ON_TIME", "PETITION_SATISFACTION",
            "CERTIFIED_COPY",
        ], ignoreOrder: true);
    }

    [Fact]
    public void ItemTableRows_ItemsGroupsAndTotal_TwentyEightDistinctCodes()
    {
        var rows = ScorecardItems.ItemTableRows;

        rows.Count.ShouldBe(28);
        rows.Select(r => r.Code).Distinct(StringComparer.Ordinal).Count().ShouldBe(28);
        rows.Single(r => r.Code == "G2").ShouldBe(new ScorecardItemRow("G2", "G2", "Tiến độ giải quyết", 20, "tổng điểm các tiêu chí của nhóm"));
        rows.Single(r => r.Code == "TOTAL").ShouldSatisfyAllConditions(
            r => r.GroupCode.ShouldBe("TOTAL"), r => r.MaxPoints.ShouldBe(100));
        rows.Single(r => r.Code == "PROGRESS_ON_TIME").NameVi.ShouldBe("Hồ sơ giải quyết đúng hạn");
        rows.ShouldAllBe(r => r.NameVi.Length > 0 && r.RuleVi.Length > 0);
    }

    [Theory]
    [InlineData("PUBLISH_ON_TIME", "5.5", null)]
    [InlineData("CERTIFIED_COPY", "0", null)]
    [InlineData("PETITION_SATISFACTION", "6", null)]
    [InlineData("publish_on_time", "1", "is not a scorecard item code")]
    [InlineData("NO_SUCH_ITEM", "1", "is not a scorecard item code")]
    [InlineData("PROGRESS_ON_TIME", "10", "is computed from the dossiers")]
    [InlineData("PERSONAL_STORAGE", "1", "is computed from the dossiers")]
    [InlineData("PUBLIC_CONTENT_FULL", "2.01", "must be between 0 and 2")]
    [InlineData("PUBLISH_ON_TIME", "-0.5", "must be between 0 and 6")]
    [InlineData("PUBLISH_ON_TIME", "5.125", "has more than 2 decimals")]
    public void Problem_EnteredValue_NamesWhatIsWrong(string code, string points, string? problem)
    {
        var found = EnteredPoints.Problem(code, decimal.Parse(points, System.Globalization.CultureInfo.InvariantCulture));

        if (problem is null)
        {
            found.ShouldBeNull();
        }
        else
        {
            found.ShouldNotBeNull().ShouldStartWith(problem);
        }
    }

    [Fact]
    public void EnteredPoints_BadValue_Throws()
    {
        Should.Throw<ArgumentException>(() => new EnteredPoints([new("PROGRESS_ON_TIME", 10m)]));
    }
}
