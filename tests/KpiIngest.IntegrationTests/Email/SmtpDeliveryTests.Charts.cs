using System.Net;
using System.Text.RegularExpressions;
using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Email;

/// <summary>
/// Issue 15, "Charts in the digest that a mail client shows (inline images, not scripts)", against the real SMTP server:
/// every image the HTML part shows is a PNG part of the same multipart/related, found by its Content-ID, described in
/// Vietnamese; the plain-text part names no image.
/// </summary>
public sealed partial class SmtpDeliveryTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public async Task Once_AlertsMailed_HtmlShowsEachAlertsChartAsAnInlinePngByContentId()
    {
        await using var server = await SmtpTestServer.CreateAsync();
        using var workspace = CreateWorkspace(server.Port, Routes());

        var result = (await workspace.RunAsync("once", "--date", MailProvince.YesterdayText)).ShouldSucceed();

        // The PROVINCE recipient's digest carries the four alerts, so four charts.
        var tinh = ByEnvelopeRecipient(server.Messages(), result)[Tinh];
        var html = tinh.Html.ShouldNotBeNull();
        var images = ImageTags().Matches(html).Select(m => (Cid: m.Groups["cid"].Value, Alt: WebUtility.HtmlDecode(m.Groups["alt"].Value))).ToList();
        images.Count.ShouldBe(4, html);
        html.ShouldNotContain("data:image", Case.Insensitive);
        foreach (var (cid, alt) in images)
        {
            var part = tinh.InlineImages.Where(i => i.ContentId == cid).ShouldHaveSingleItem(cid);
            part.MediaType.ShouldBe("image/png");
            part.Disposition.ShouldBe("inline");
            part.RelatedToHtml.ShouldBeTrue();
            part.Bytes.Take(8).ShouldBe(PngSignature);
            alt.ShouldStartWith("Biểu đồ ");
            alt.ShouldContain("chỉ tiêu");
        }

        images.Select(i => i.Cid).Distinct().Count().ShouldBe(4, "one chart per alert");
        tinh.PlainText.ShouldNotBeNull().ShouldNotContain("cid:");
    }

    [GeneratedRegex("<img src=\"cid:(?<cid>[^\"]+)\"[^>]*alt=\"(?<alt>[^\"]*)\"")]
    private static partial Regex ImageTags();
}
