using KpiIngest.Core.Source;

namespace KpiIngest.Worker.Reports;

/// <summary>How a cell reads in a workbook; <see cref="XlsxWriter"/> writes one cell format per value.</summary>
public enum SheetStyle
{
    Plain,
    Title,
    Header,
    Count,
    Percent,
    SourceText,
    Met,
    Missed,
    Points,
}

/// <summary>One cell: text or a number (never both), and how it reads. A cell with neither is left blank.</summary>
public readonly record struct SheetCell(string? Text, decimal? Number, SheetStyle Style)
{
    public static SheetCell Label(string text) => new(text, null, SheetStyle.Plain);

    /// <summary>
    /// Text from the source (unit ids and names): control characters escaped as the table report shows them (XML cannot
    /// carry most of them), and marked as text so that editing the cell cannot turn "=..." into a formula.
    /// </summary>
    public static SheetCell SourceText(string text) => new(RowCheck.Escape(text), null, SheetStyle.SourceText);

    public static SheetCell Whole(int value) => new(null, value, SheetStyle.Plain);

    public static SheetCell Count(long value) => new(null, value, SheetStyle.Count);

    /// <summary>Scorecard points (57.5) as a number shown with two decimals; blank when none could be computed.</summary>
    public static SheetCell Points(decimal? points) => new(null, points, SheetStyle.Points);

    /// <summary>A ratio or target in percent points (the store's 46.88) as the spreadsheet's fraction 0.4688, shown 46.88%.</summary>
    public static SheetCell Percent(decimal? points) => new(null, points / 100m, SheetStyle.Percent);
}

/// <summary>One worksheet: a title row, a header row that stays in view, then the rows.</summary>
public sealed class SheetTable(string name, string title, IReadOnlyList<string> headers)
{
    private readonly List<IReadOnlyList<SheetCell>> _rows = [];

    public string Name { get; } = name;

    public string Title { get; } = title;

    public IReadOnlyList<string> Headers { get; } = headers;

    public IReadOnlyList<IReadOnlyList<SheetCell>> Rows => _rows;

    public void Add(params SheetCell[] cells)
    {
        if (cells.Length != Headers.Count)
        {
            throw new ArgumentException($"A row of {Name} has {Headers.Count} cells, not {cells.Length}.", nameof(cells));
        }

        _rows.Add(cells);
    }
}
