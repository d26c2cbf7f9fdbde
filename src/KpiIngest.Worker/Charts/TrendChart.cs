using System.Globalization;
using KpiIngest.Core.Periods;
using KpiIngest.Worker.Display;
using ScottPlot;

namespace KpiIngest.Worker.Charts;

/// <summary>
/// An indicator's trend as a picture, drawn by ScottPlot: the ratio line (broken at gaps and at each period start, see
/// <see cref="TrendSeries.Segments"/>), the target as a horizontal line, a y axis fixed at 0..100 % and a date axis, in
/// the Vietnamese forms people read elsewhere (44,79; dd/MM). PNG for mail (clients show images, not scripts), SVG for pages.
/// </summary>
public sealed class TrendChart
{
    public const int DefaultWidth = 720;
    public const int DefaultHeight = 300;

    private static readonly Color LineColor = Color.FromHex("#1f618d");
    private static readonly Color TargetColor = Color.FromHex("#c0392b");

    /// <summary>
    /// The first installed sans-serif face of a list that draws Vietnamese letters (Debian's DejaVu or Liberation, Windows'
    /// Segoe UI or Arial); ScottPlot's own default resolves to a serif face on Debian.
    /// </summary>
    private static readonly Lazy<string> FontFamily = new(() =>
    {
        var installed = SkiaSharp.SKFontManager.Default.GetFontFamilies().ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new[] { "DejaVu Sans", "Liberation Sans", "Segoe UI", "Arial", "Noto Sans" }.FirstOrDefault(installed.Contains) ?? Fonts.Default;
    });

    public TrendChart(string title, TrendSeries series)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(series);
        Title = title;
        Series = series;
        Segments = series.Segments();
    }

    public string Title { get; }

    public TrendSeries Series { get; }

    /// <summary>The lines drawn, each a run of days joined in order; nothing joins one segment to the next.</summary>
    public IReadOnlyList<IReadOnlyList<TrendPoint>> Segments { get; }

    public byte[] ToPng(int width = DefaultWidth, int height = DefaultHeight)
    {
        using var plot = Build();
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    public string ToSvg(int width = DefaultWidth, int height = DefaultHeight)
    {
        using var plot = Build();
        return plot.GetSvgXml(width, height);
    }

    private Plot Build()
    {
        var plot = new Plot();
        plot.Font.Set(FontFamily.Value);
        plot.Title(Wrapped(Title), size: 15);

        var first = true;
        foreach (var segment in Segments)
        {
            var line = plot.Add.Scatter(
                segment.Select(p => X(p.Day)).ToArray(),
                segment.Select(p => (double)p.Ratio!.Value).ToArray());
            line.Color = LineColor;
            line.LineWidth = 2;
            line.MarkerSize = segment.Count == 1 ? 5 : 0;
            if (first)
            {
                line.LegendText = "Tỷ lệ";
                first = false;
            }
        }

        if (Series.Target is { } target)
        {
            var targetLine = plot.Add.HorizontalLine((double)target, width: 1.5f, color: TargetColor, pattern: LinePattern.Dashed);
            targetLine.LegendText = "Chỉ tiêu " + VietnameseFormat.Percent(target);
        }

        var days = Series.Points.Select(p => p.Day).Order().ToList();
        if (days.Count > 0)
        {
            plot.Axes.SetLimitsX(X(days[0]) - 0.5, X(days[^1]) + 0.5);
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
                [.. DayTicks(days).Select(d => new Tick(X(d), VietnameseFormat.DayMonth(d)))]);
        }

        // A little room beyond 0 and 100 so a line at either (a 100 % target, a 0 % ratio) is not hidden by the frame.
        plot.Axes.SetLimitsY(-3, 103);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, 6).Select(i => new Tick(i * 20, (i * 20m).ToString("#,0.##", VietnameseFormat.Numbers)))]);
        plot.YLabel("Tỷ lệ (%)");
        plot.ShowLegend(Alignment.LowerLeft);
        return plot;
    }

    /// <summary>
    /// About eight labelled days, always including each period start within the span so a reset is visible on the axis.
    /// </summary>
    private IEnumerable<DateOnly> DayTicks(IReadOnlyList<DateOnly> days)
    {
        var step = Math.Max(1, (int)Math.Ceiling(days.Count / 8.0));
        var ticks = new SortedSet<DateOnly>(days.Where((_, i) => i % step == 0));
        if (Series.Period != PeriodKind.Day)
        {
            foreach (var start in days.Where(d => Series.Period.Start(d) == d))
            {
                ticks.RemoveWhere(t => Math.Abs(t.DayNumber - start.DayNumber) < step && t != start);
                ticks.Add(start);
            }
        }

        return ticks;
    }

    /// <summary>A long title (an official indicator name and a unit's) on two lines at its dash, rather than cut off at the edges.</summary>
    private static string Wrapped(string title)
    {
        const int OneLine = 70;
        var dash = title.IndexOf(" — ", StringComparison.Ordinal);
        return title.Length <= OneLine || dash < 0 ? title : string.Concat(title.AsSpan(0, dash), "\n", title.AsSpan(dash + 3));
    }

    /// <summary>Days as whole numbers on the x axis, so a tick sits exactly on its day.</summary>
    private static double X(DateOnly day) => day.DayNumber;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Title} ({Segments.Count} segments)");
}
