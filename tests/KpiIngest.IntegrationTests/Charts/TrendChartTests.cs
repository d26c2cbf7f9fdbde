using System.Buffers.Binary;
using System.Xml.Linq;
using KpiIngest.Core.Periods;
using KpiIngest.Worker.Charts;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Charts;

/// <summary>
/// Issue 15, "Charts in the digest": the trend chart is drawn by ScottPlot with its native SkiaSharp (so the natives
/// must load on this machine), breaks a month-to-date line at each month's reset and at days without data, and draws
/// the target.
/// </summary>
public sealed class TrendChartTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public void ToPng_OnThisMachine_WritesAPngOfTheAskedSize()
    {
        var chart = new TrendChart("Tỷ lệ hồ sơ giải quyết đúng hạn — Tháng 01/2024", Mtd(new DateOnly(2024, 1, 1), 31, day => 80m + (day % 5)));

        var png = chart.ToPng(640, 280);

        png.Take(8).ShouldBe(PngSignature);
        // IHDR follows the signature: width then height, big-endian.
        BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)).ShouldBe(640);
        BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)).ShouldBe(280);
        png.Length.ShouldBeGreaterThan(2_000);
    }

    [Fact]
    public void Segments_MtdOverTwoMonths_NoSegmentJoinsThe31stToThe1st()
    {
        var series = Mtd(new DateOnly(2024, 1, 1), 60, day => day < 31 ? 95m : 10m);

        var chart = new TrendChart("MTD", series);

        chart.Segments.Count.ShouldBe(2);
        chart.Segments[0][^1].Day.ShouldBe(new DateOnly(2024, 1, 31));
        chart.Segments[1][0].Day.ShouldBe(new DateOnly(2024, 2, 1));
        chart.Segments.ShouldAllBe(s => s.All(p => p.Day.Month == s[0].Day.Month));
    }

    [Fact]
    public void Segments_DaySeriesAcrossMonths_OneLine()
    {
        var points = Enumerable.Range(0, 60).Select(i => new TrendPoint(new DateOnly(2024, 1, 1).AddDays(i), 50m)).ToList();

        new TrendChart("DAY", new TrendSeries(PeriodKind.Day, points, 90m)).Segments.Count.ShouldBe(1);
    }

    [Fact]
    public void Segments_DaysWithoutData_BreakTheLine()
    {
        var series = Mtd(new DateOnly(2024, 3, 1), 10, day => day is 3 or 4 ? null : 60m);

        var segments = new TrendChart("gap", series).Segments;

        segments.Select(s => s.Count).ShouldBe([3, 5]);
    }

    [Fact]
    public void ToSvg_MtdOverTwoMonthsWithAGap_OneLinePathPerSegment()
    {
        // January whole, then February 1-9 and 11-29 (no data on the 10th).
        var chart = new TrendChart("MTD", Mtd(new DateOnly(2024, 1, 1), 60, i => i == 40 ? null : 50m + (i % 31)));

        var lines = LinePaths(chart.ToSvg(), "#1F618D").Where(points => points > 2);

        lines.ShouldBe([31, 9, 19]);
    }

    [Fact]
    public void ToSvg_WithTarget_DrawsTheTargetLineAndNamesItInTheLegend()
    {
        var svg = new TrendChart("MTD", Mtd(new DateOnly(2024, 1, 1), 31, _ => 70m) with { Target = 90m }).ToSvg();

        svg.ShouldContain("Chỉ tiêu 90,00%");
        svg.ShouldContain("#C0392B", Case.Insensitive);
    }

    [Fact]
    public void ToSvg_WithoutTarget_NoTargetLine()
    {
        var svg = new TrendChart("MTD", Mtd(new DateOnly(2024, 1, 1), 31, _ => 70m) with { Target = null }).ToSvg();

        svg.ShouldNotContain("Chỉ tiêu");
        svg.ShouldNotContain("#C0392B", Case.Insensitive);
    }

    /// <summary>The number of points of each stroked path of the given colour, in document order.</summary>
    private static List<int> LinePaths(string svg, string color) =>
        [.. XDocument.Parse(svg).Descendants().Where(e => e.Name.LocalName == "path"
                && string.Equals((string?)e.Attribute("stroke"), color, StringComparison.OrdinalIgnoreCase))
            .Select(e => ((string?)e.Attribute("d") ?? "").Count(c => c is 'M' or 'L'))];

    private static TrendSeries Mtd(DateOnly from, int days, Func<int, decimal?> ratioOfDay) =>
        new(PeriodKind.Mtd, [.. Enumerable.Range(0, days).Select(i => new TrendPoint(from.AddDays(i), ratioOfDay(i)))], 90m);
}
