using KpiIngest.IntegrationTests.EndToEnd;
using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Scorecard;

/// <summary>
/// scorecard.md, "Entered values": Scorecard:Entered takes points for the five ENTERED / MISSING items and
/// CERTIFIED_COPY only; an unknown code, another item, points outside 0..max or with more than 2 decimals exit 2
/// naming the key, before any work, as does a value of the wrong shape (operations.md).
/// </summary>
public sealed class ScorecardConfigurationTests
{
    [Theory]
    [InlineData("Scorecard:Entered:NO_SUCH_ITEM", """{ "NO_SUCH_ITEM": 1 }""")]                    // unknown code
    [InlineData("Scorecard:Entered:publish_on_time", """{ "publish_on_time": 1 }""")]              // codes are exact
    [InlineData("Scorecard:Entered:PROGRESS_ON_TIME", """{ "PROGRESS_ON_TIME": 10 }""")]           // computed, not entered
    [InlineData("Scorecard:Entered:PERSONAL_STORAGE", """{ "PERSONAL_STORAGE": 4 }""")]            // EXACT / MISSING: not enterable
    [InlineData("Scorecard:Entered:PUBLIC_CONTENT_FULL", """{ "PUBLIC_CONTENT_FULL": 2.5 }""")]    // above its max of 2
    [InlineData("Scorecard:Entered:PUBLISH_ON_TIME", """{ "PUBLISH_ON_TIME": -1 }""")]             // below 0
    [InlineData("Scorecard:Entered:PETITION_ON_TIME", """{ "PETITION_ON_TIME": 5.125 }""")]        // 3 decimals
    [InlineData("Scorecard:Entered:PUBLISH_ON_TIME", """{ "PUBLISH_ON_TIME": "five" }""")]         // text for a number
    [InlineData("Scorecard:Entered:PUBLISH_ON_TIME", """{ "PUBLISH_ON_TIME": "5,5" }""")]          // decimal comma
    [InlineData("Scorecard:Entered", "\"PUBLISH_ON_TIME=5\"")]                                     // a value, not a section
    public async Task Once_BadEnteredPoints_ExitsTwoNamingTheKey(string key, string entered)
    {
        using var workspace = ConfigurationErrorTests.CreateValidWorkspace();
        workspace.Configure($$"""{ "Scorecard": { "Entered": {{entered}} } }""");

        var result = await workspace.RunAsync("once", "--date", "2024-04-30");

        ConfigurationErrorTests.ShouldBeConfigurationError(result, workspace, key);
        result.StdErr.Trim().Split('\n').Length.ShouldBe(1, $"one sentence{Environment.NewLine}{result.Describe()}");
    }

    [Theory]
    [InlineData("Scorecard:Enabled", """{ "Scorecard": { "Enabled": "yes" } }""")]
    [InlineData("Scorecard:Enable", """{ "Scorecard": { "Enable": false } }""")]
    public async Task Once_BadScorecardSetting_ExitsTwoNamingTheKey(string key, string overrides)
    {
        using var workspace = ConfigurationErrorTests.CreateValidWorkspace();
        workspace.Configure(overrides);

        var result = await workspace.RunAsync("once", "--date", "2024-04-30");

        ConfigurationErrorTests.ShouldBeConfigurationError(result, workspace, key);
    }

    [Fact]
    public async Task Report_BadEnteredPoints_ExitsTwoNamingTheKey()
    {
        using var workspace = ConfigurationErrorTests.CreateValidWorkspace();
        (await workspace.RunAsync("once", "--date", "2024-04-30")).ShouldSucceed();
        workspace.Configure("""{ "Scorecard": { "Entered": { "CERTIFIED_COPY": 3 } } }""");

        var result = await workspace.RunAsync("report", "--date", "2024-04-30");

        result.ShouldExitWith(2);
        result.StdErr.ShouldContain("Scorecard:Entered:CERTIFIED_COPY", Case.Insensitive, result.Describe());
    }

    [Fact]
    public async Task Once_EnteredPoints_StoredAsEnteredForEveryScope()
    {
        using var workspace = ConfigurationErrorTests.CreateValidWorkspace();
        workspace.Configure("""{ "Scorecard": { "Entered": { "PUBLISH_ON_TIME": 5.5, "CERTIFIED_COPY": 0 } } }""");

        (await workspace.RunAsync("once", "--date", "2024-04-30")).ShouldSucceed();

        var rows = workspace.Store.Scorecards("2024-04-30", "MTD");
        rows.Where(r => r.Item == "PUBLISH_ON_TIME").Select(r => (r.Scope, r.Points, r.Basis, r.Numerator, r.Denominator, r.Ratio))
            .ShouldBe([("LEVEL", 5.5m, "ENTERED", null, null, null), ("PROVINCE", 5.5m, "ENTERED", null, null, null), ("UNIT", 5.5m, "ENTERED", null, null, null)]);
        rows.Where(r => r.Item == "CERTIFIED_COPY").ShouldAllBe(r => r.Points == 0m && r.Basis == "ENTERED" && r.KnownMaxPoints == 2);
        rows.Where(r => r.Item == "PUBLIC_UPDATE_ON_TIME").ShouldAllBe(r => r.Points == null && r.Basis == "MISSING" && r.KnownMaxPoints == 0);
    }
}
