using System.Net;
using System.Text.RegularExpressions;
using KpiIngest.Core.Alerts;
using KpiIngest.Core.Indicators;
using KpiIngest.Core.Periods;
using KpiIngest.Core.Snapshots;
using KpiIngest.Worker.Email;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Email;

/// <summary>
/// Issue 3, Email: in Vietnamese, a subject naming the province, the date and the count of CRITICAL and WARNING
/// items; an HTML body with a table per scope (indicator name in Vietnamese, …, the shortfall) plus a plain-text
/// alternative; source text (unit names) HTML-encoded. Shortfall reads "cần thêm N hồ sơ", or catalog pairs
/// ("thủ tục") for ONLINE_SERVICE_USED and ONLINE_PAYMENT_USED.
/// </summary>
public sealed partial class DigestRendererTests
{
    private const string ProvinceName = "Tỉnh Thử Nghiệm";
    private const string HostileName = "<script>alert(1)</script> & \"Sở\"";

    [Fact]
    public void Render_Subject_NamesProvinceDateAndCountsOfCriticalAndWarning()
    {
        // 2 CRITICAL (province, X-A), 3 WARNING (level 3, X-A data reuse, X-B).
        var digest = Digest(
            Item(Alert(ScopeKind.Province, "", null, AlertSeverity.Critical), "Toàn tỉnh"),
            Item(Alert(ScopeKind.Level, "3", 3, AlertSeverity.Warning), "Cấp xã"),
            Item(Alert(ScopeKind.Unit, "X-A", 3, AlertSeverity.Critical), "Xã An Hòa"),
            Item(Alert(ScopeKind.Unit, "X-A", 3, AlertSeverity.Warning, IndicatorCode.DataReuse), "Xã An Hòa"),
            Item(Alert(ScopeKind.Unit, "X-B", 3, AlertSeverity.Warning), "Xã Bình"));

        var subject = DigestRenderer.Render(digest).Subject;

        subject.ShouldContain(ProvinceName);
        subject.ShouldContain("05/04/2024"); // dd/MM/yyyy of 5 April 2024
        CountBefore(subject, "nghiêm trọng").ShouldBe(2, subject);
        CountBefore(subject, "cảnh báo").ShouldBe(3, subject);
        subject.ShouldNotContain("\n");
        subject.ShouldNotContain("\r");
    }

    [Fact]
    public void Render_OnlyWarnings_SubjectCountsZeroCritical()
    {
        var digest = Digest(Item(Alert(ScopeKind.Unit, "X-B", 3, AlertSeverity.Warning), "Xã Bình"));

        var subject = DigestRenderer.Render(digest).Subject;

        CountBefore(subject, "nghiêm trọng").ShouldBe(0, subject);
        CountBefore(subject, "cảnh báo").ShouldBe(1, subject);
    }

    [Fact]
    public void Render_Html_OneTablePerScopeHeadedByItsName()
    {
        var digest = Digest(
            Item(Alert(ScopeKind.Unit, "X-A", 3, AlertSeverity.Critical), "Xã An Hòa"),
            Item(Alert(ScopeKind.Province, "", null, AlertSeverity.Critical), "Toàn tỉnh Thử Nghiệm"),
            Item(Alert(ScopeKind.Unit, "X-A", 3, AlertSeverity.Warning, IndicatorCode.DataReuse), "Xã An Hòa"),
            Item(Alert(ScopeKind.Level, "3", 3, AlertSeverity.Warning), "Cấp xã"));

        var html = DigestRenderer.Render(digest).Html;
        var text = WebUtility.HtmlDecode(html);

        // Three scopes (province, level 3, X-A): three tables of alerts, each with its own header row.
        HeaderRows().Count(text).ShouldBe(3, html);
        foreach (var name in (string[])["Toàn tỉnh Thử Nghiệm", "Cấp xã", "Xã An Hòa"])
        {
            Regex.Count(text, Regex.Escape(name)).ShouldBe(1, $"the heading '{name}' once");
        }

        // X-A's two alerts sit in X-A's one table: both after its heading.
        var xaA = text.IndexOf("Xã An Hòa", StringComparison.Ordinal);
        text.IndexOf(Name(IndicatorCode.OnlineDossier), xaA, StringComparison.Ordinal).ShouldBeGreaterThan(xaA);
        text.IndexOf(Name(IndicatorCode.DataReuse), xaA, StringComparison.Ordinal).ShouldBeGreaterThan(xaA);
    }

    [Theory]
    [InlineData(IndicatorCode.OnlineDossier, "Tỷ lệ hồ sơ trực tuyến")]
    [InlineData(IndicatorCode.OnlinePayment, "Tỷ lệ thanh toán trực tuyến phí, lệ phí")]
    [InlineData(IndicatorCode.Digitized, "Tỷ lệ số hóa thành phần hồ sơ")]
    [InlineData(IndicatorCode.EResult, "Tỷ lệ cấp kết quả điện tử")]
    [InlineData(IndicatorCode.DataReuse, "Tỷ lệ khai thác, sử dụng lại thông tin, dữ liệu số hóa")]
    [InlineData(IndicatorCode.OnlineServiceUsed, "Tỷ lệ dịch vụ công trực tuyến có phát sinh hồ sơ trực tuyến")]
    [InlineData(IndicatorCode.OnlinePaymentUsed, "Tỷ lệ TTHC cung cấp thanh toán trực tuyến có phát sinh thanh toán trực tuyến")]
    public void Render_Html_ShowsTheVietnameseIndicatorNameOfIndicatorsMd(IndicatorCode indicator, string nameVi)
    {
        var digest = Digest(Item(Alert(ScopeKind.Unit, "X-A", 3, AlertSeverity.Critical, indicator), "Xã An Hòa"));

        var rendered = DigestRenderer.Render(digest);

        WebUtility.HtmlDecode(rendered.Html).ShouldContain(nameVi);
        rendered.Text.ShouldContain(nameVi);
    }

    [Theory]
    [InlineData(IndicatorCode.OnlineDossier, 37, "cần thêm 37 hồ sơ")]
    [InlineData(IndicatorCode.OnlinePayment, 6, "cần thêm 6 hồ sơ")]
    [InlineData(IndicatorCode.Digitized, 1, "cần thêm 1 hồ sơ")]
    [InlineData(IndicatorCode.EResult, 2, "cần thêm 2 hồ sơ")]
    [InlineData(IndicatorCode.DataReuse, 13, "cần thêm 13 hồ sơ")]
    [InlineData(IndicatorCode.OnlineServiceUsed, 7, "cần thêm 7 thủ tục")]
    [InlineData(IndicatorCode.OnlinePaymentUsed, 4, "cần thêm 4 thủ tục")]
    public void Render_Shortfall_CountsDossiersOrProcedures(IndicatorCode indicator, long shortfall, string expected)
    {
        var alert = Alert(ScopeKind.Unit, "X-A", 3, AlertSeverity.Warning, indicator) with { Shortfall = shortfall };

        var rendered = DigestRenderer.Render(Digest(Item(alert, "Xã An Hòa")));

        WebUtility.HtmlDecode(rendered.Html).ShouldContain(expected);
        rendered.Text.ShouldContain(expected);
    }

    [Fact]
    public void Render_LargeCounts_FiguresInVietnameseFormInHtmlAndPlainText()
    {
        var alert = Alert(ScopeKind.Province, "", null, AlertSeverity.Critical) with
        {
            Numerator = 12_345, Denominator = 60_000, Ratio = 20.58m, Shortfall = 17_655,
        };

        var rendered = DigestRenderer.Render(Digest(Item(alert, "Toàn tỉnh")));

        foreach (var part in new[] { WebUtility.HtmlDecode(rendered.Html), rendered.Text })
        {
            part.ShouldContain("12.345/60.000");
            part.ShouldContain("20,58%");
            part.ShouldContain("cần thêm 17.655 hồ sơ");
        }
    }

    [Fact]
    public void Render_DataReadDuringItsDay_SaysTheTimeItReachesNotTheWholeDay()
    {
        var digest = Digest(Item(Alert(ScopeKind.Unit, "X-A", 3, AlertSeverity.Critical), "Xã An Hòa")) with
        {
            Date = new DateOnly(2024, 4, 4),
            ReadUpTo = new DateTime(2024, 4, 4, 14, 5, 0),
        };

        var rendered = DigestRenderer.Render(digest);

        foreach (var part in new[] { WebUtility.HtmlDecode(rendered.Html), rendered.Text })
        {
            part.ShouldContain("Số liệu đến 14:05 ngày 04/04/2024");
            part.ShouldNotContain("hết ngày");
        }
    }

    [Fact]
    public void Render_HostileUnitName_HtmlEncodedNeverRaw()
    {
        var digest = Digest(Item(Alert(ScopeKind.Unit, "X-A", 3, AlertSeverity.Critical), HostileName));

        var html = DigestRenderer.Render(digest).Html;

        html.ShouldNotContain("<script", Case.Insensitive);
        html.ShouldNotContain("\"Sở\"");
        html.ShouldNotContain("</script> &");
        html.ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;S");
        WebUtility.HtmlDecode(html).ShouldContain(HostileName);
    }

    [Fact]
    public void Render_HostileProvinceAndProcedureNames_HtmlEncodedNeverRaw()
    {
        var alert = Alert(ScopeKind.Unit, "X-A", 3, AlertSeverity.Critical, IndicatorCode.OnlineServiceUsed);
        var missing = new MissingProcedure("X-A", HostileName, "<i>P1</i>", "<img src=x onerror=alert(2)>");
        var digest = Digest(Item(alert, HostileName, [missing], 1)) with { ProvinceName = "<b>Tỉnh</b> & Co" };

        var html = DigestRenderer.Render(digest).Html;

        html.ShouldNotContain("<script", Case.Insensitive);
        html.ShouldNotContain("<img", Case.Insensitive);
        html.ShouldNotContain("<i>P1");
        html.ShouldNotContain("<b>Tỉnh");
        html.ShouldContain("&lt;img src=x onerror=alert(2)&gt;");
        html.ShouldContain("&lt;b&gt;T");
    }

    [Fact]
    public void Render_OnlineServiceUsed_NamesTheProceduresStillMissing()
    {
        var alert = Alert(ScopeKind.Unit, "X-A", 3, AlertSeverity.Critical, IndicatorCode.OnlineServiceUsed) with { Shortfall = 2 };
        MissingProcedure[] missing =
        [
            new("X-A", "Xã An Hòa", "1.001", "Đăng ký khai sinh"),
            new("X-A", "Xã An Hòa", "1.002", "Chứng thực bản sao"),
        ];

        var rendered = DigestRenderer.Render(Digest(Item(alert, "Xã An Hòa", missing, 2)));

        var text = WebUtility.HtmlDecode(rendered.Html);
        foreach (var m in missing)
        {
            text.ShouldContain(m.ProcedureName);
            text.ShouldContain(m.ProcedureCode);
            rendered.Text.ShouldContain(m.ProcedureName);
        }
    }

    [Fact]
    public void Render_PlainTextAlternative_SaysTheSameWithoutMarkup()
    {
        var digest = Digest(
            Item(Alert(ScopeKind.Province, "", null, AlertSeverity.Critical) with { Shortfall = 37 }, "Toàn tỉnh"),
            Item(Alert(ScopeKind.Unit, "X-A", 3, AlertSeverity.Warning), HostileName));

        var text = DigestRenderer.Render(digest).Text;

        text.ShouldNotBeNullOrWhiteSpace();
        text.ShouldContain(ProvinceName);
        text.ShouldContain("05/04/2024");
        text.ShouldContain("Toàn tỉnh");
        text.ShouldContain(Name(IndicatorCode.OnlineDossier));
        text.ShouldContain("cần thêm 37 hồ sơ");
        text.ShouldNotContain("<td");
        text.ShouldNotContain("<table");
        text.ShouldNotContain("&lt;"); // plain text carries the name as it is, not HTML-encoded
        text.ShouldContain(HostileName);
    }

    [Fact]
    public void Render_Html_DeclaresUtf8AndVietnamese()
    {
        var html = DigestRenderer.Render(Digest(Item(Alert(ScopeKind.Province, "", null, AlertSeverity.Critical), "Toàn tỉnh"))).Html;

        html.ShouldContain("charset=\"utf-8\"", Case.Insensitive);
        html.ShouldContain("lang=\"vi\"");
    }

    /// <summary>The number written just before <paramref name="word"/> (case-insensitive), or -1 when absent.</summary>
    private static int CountBefore(string subject, string word)
    {
        var match = Regex.Match(subject, @"(\d+)\s+" + Regex.Escape(word), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        return match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;
    }

    private static string Name(IndicatorCode code) => IndicatorCatalog.Get(code).NameVi;

    private static Digest Digest(params DigestItem[] items) =>
        new("tinh@example.test", ProvinceName, new DateOnly(2024, 4, 5), items, ReadUpTo: new DateTime(2024, 4, 5, 0, 30, 0));

    private static DigestItem Item(Alert alert, string scopeName, IReadOnlyList<MissingProcedure>? missing = null, int missingTotal = 0) =>
        new(new AlertNotice(1, alert), scopeName, [40m, null, 45.5m, 48m], missing ?? [], missingTotal);

    private static Alert Alert(ScopeKind scope, string scopeId, int? level, AlertSeverity severity, IndicatorCode indicator = IndicatorCode.OnlineDossier)
    {
        var day = new DateOnly(2024, 4, 4);
        var key = new AlertKey(indicator, scope, scopeId, PeriodKind.Mtd, new DateOnly(2024, 4, 1));
        return new Alert(key, level, AlertStatus.Open, severity, 30m, 50m, 20m, 6, 20, 4, day, day, null, AlertEvent.Opened, day);
    }

    /// <summary>The first header cell of an alert table ("Chỉ số", the indicator column).</summary>
    [GeneratedRegex("<tr[^>]*>\\s*<th[^>]*>Chỉ số</th>")]
    private static partial Regex HeaderRows();
}
