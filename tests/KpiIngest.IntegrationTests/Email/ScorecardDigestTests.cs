using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using KpiIngest.Core.Periods;
using KpiIngest.Core.Snapshots;
using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Email;

/// <summary>
/// Issue 17: the digest's line with the province's QĐ 766 estimate for its period and its change since the previous day,
/// in the HTML and the text part of the .eml files a real run writes to the pickup folder; absent without scorecard rows.
/// The expected figures are read from the store after the run: the digest quotes what the store holds.
/// </summary>
public sealed class ScorecardDigestTests
{
    private static readonly NumberFormatInfo Vietnamese = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "." };

    [Fact]
    public async Task Once_ScorecardWithPreviousDay_DigestQuotesTheEstimateAndItsChange()
    {
        using var workspace = CreateProvince();
        (await workspace.RunAsync("migrate")).ShouldSucceed();
        var yesterday = MailProvince.Yesterday;
        ScorecardSeed.Replace(workspace.StorePath,
        [
            .. ScorecardSeed.Scope(yesterday, PeriodKind.Mtd, ScopeKind.Province, "", null, 0.75m),
            .. ScorecardSeed.Scope(yesterday.AddDays(-1), PeriodKind.Mtd, ScopeKind.Province, "", null, 0.7m),
        ]);

        var result = (await workspace.RunAsync("once", "--date", MailProvince.YesterdayText)).ShouldSucceed();

        var total = ScorecardSeed.ProvinceTotal(workspace.StorePath, yesterday, PeriodKind.Mtd).ShouldNotBeNull(result.Describe());
        var previous = ScorecardSeed.ProvinceTotal(workspace.StorePath, yesterday.AddDays(-1), PeriodKind.Mtd).ShouldNotBeNull();
        var change = total.Points!.Value - previous.Points!.Value;
        var expected = $"Chỉ số 766 (ước tính, DVCQG 2026): {Points(total.Points)}/100 điểm (tính được {total.KnownMaxPoints}/100), "
            + (change > 0 ? "+" : "") + $"{Points(change)} so với hôm qua";
        var message = Digest(workspace, result);
        WebUtility.HtmlDecode(message.Html.ShouldNotBeNull()).ShouldContain(expected, Case.Sensitive);
        message.PlainText.ShouldNotBeNull().ShouldContain(expected, Case.Sensitive);
    }

    [Fact]
    public async Task Once_ScorecardWithoutPreviousDay_DigestQuotesTheEstimateWithoutAChange()
    {
        using var workspace = CreateProvince();
        (await workspace.RunAsync("migrate")).ShouldSucceed();
        var yesterday = MailProvince.Yesterday;
        ScorecardSeed.Replace(workspace.StorePath, ScorecardSeed.Scope(yesterday, PeriodKind.Mtd, ScopeKind.Province, "", null, 0.75m));

        var result = (await workspace.RunAsync("once", "--date", MailProvince.YesterdayText)).ShouldSucceed();

        ScorecardSeed.ProvinceTotal(workspace.StorePath, yesterday.AddDays(-1), PeriodKind.Mtd).ShouldBeNull("no total the day before");
        var total = ScorecardSeed.ProvinceTotal(workspace.StorePath, yesterday, PeriodKind.Mtd).ShouldNotBeNull(result.Describe());
        var expected = $"Chỉ số 766 (ước tính, DVCQG 2026): {Points(total.Points)}/100 điểm (tính được {total.KnownMaxPoints}/100)";
        var message = Digest(workspace, result);
        var html = WebUtility.HtmlDecode(message.Html.ShouldNotBeNull());
        html.ShouldContain(expected, Case.Sensitive);
        html.ShouldNotContain("so với hôm qua");
        message.PlainText.ShouldNotBeNull().ShouldContain(expected, Case.Sensitive);
        message.PlainText.ShouldNotContain("so với hôm qua");
    }

    [Fact]
    public async Task Once_NoScorecardRows_DigestHasNoScorecardLine()
    {
        using var workspace = CreateProvince();
        workspace.Configure("""{ "Scorecard": { "Enabled": false } }""");

        var result = (await workspace.RunAsync("once", "--date", MailProvince.YesterdayText)).ShouldSucceed();

        var message = Digest(workspace, result);
        message.Html.ShouldNotBeNull().ShouldNotContain("Chỉ số 766");
        message.Html.ShouldNotContain("scorecard-line");
        message.PlainText.ShouldNotBeNull().ShouldNotContain("Chỉ số 766");
    }

    /// <summary><see cref="MailProvince"/> with its province route: one digest, to the province.</summary>
    private static ProvinceWorkspace CreateProvince()
    {
        var workspace = new ProvinceWorkspace();
        MailProvince.Seed(workspace);
        workspace.Configure(new JsonObject
        {
            ["Email"] = new JsonObject { ["From"] = MailProvince.From, ["Recipients"] = new JsonArray(MailProvince.Route("PROVINCE", null, "tinh@example.test")) },
        });
        return workspace;
    }

    private static EmlMessage Digest(ProvinceWorkspace workspace, CliResult result)
    {
        Directory.Exists(workspace.OutboxPath).ShouldBeTrue(result.Describe());
        return EmlMessage.Load(Directory.GetFiles(workspace.OutboxPath, "*.eml").ShouldHaveSingleItem(result.Describe()));
    }

    private static string Points(decimal? points) => points?.ToString("#,0.00", Vietnamese) ?? "—";
}
