using System.Globalization;
using Spectre.Console;

namespace KpiIngest.Worker.Display;

/// <summary>How a column gives way when the terminal is narrow.</summary>
public enum ColumnFit
{
    /// <summary>Always shown whole (figures, dates): a figure is never cut.</summary>
    Keep,

    /// <summary>A label: cut with … down to its minimum width.</summary>
    Shorten,

    /// <summary>Left out altogether before any label is shortened (as kubectl leaves out columns at narrow widths).</summary>
    Drop,
}

/// <summary>A column of a <see cref="FittedTable"/>.</summary>
public sealed record FittedColumn(string Header, ColumnFit Fit = ColumnFit.Keep, bool RightAligned = false, int MinWidth = 10);

/// <summary>A cell: plain text, and optionally a Spectre style (red, green, grey) to show it in.</summary>
public readonly record struct FittedCell(string Text, string? Style = null)
{
    public static implicit operator FittedCell(string text) => new(text);
}

/// <summary>
/// A table laid out for the width it is printed at, so no cell folds over two lines: columns marked
/// <see cref="ColumnFit.Drop"/> go first, then labels marked <see cref="ColumnFit.Shorten"/> are cut with …; figures
/// are never cut. A wide terminal shows every column whole.
/// </summary>
public sealed class FittedTable(IReadOnlyList<FittedColumn> columns)
{
    /// <summary>A rounded table's frame: the left border, then per column one space each side and its right border.</summary>
    private const int FramePerColumn = 3;

    private readonly List<FittedCell[]> _rows = [];

    public int RowCount => _rows.Count;

    public void AddRow(params FittedCell[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != columns.Count)
        {
            throw new ArgumentException($"A row has {columns.Count} cells, not {cells.Length}.", nameof(cells));
        }

        _rows.Add(cells);
    }

    /// <summary>Whether every column is shown and the table fits in <paramref name="width"/> (labels cut to their minimum at most).</summary>
    public bool FitsWhole(int width)
    {
        var (shown, widths) = Layout(width);
        return shown.Count == columns.Count && Width(shown.Select(c => widths[c])) <= width;
    }

    /// <summary>The Spectre table that fits in <paramref name="width"/> terminal columns (or the narrowest it can be).</summary>
    public Table Build(int width)
    {
        var (shown, widths) = Layout(width);
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var c in shown)
        {
            var column = new TableColumn(Markup.Escape(Shorten(columns[c].Header, widths[c]))).NoWrap();
            table.AddColumn(columns[c].RightAligned ? column.RightAligned() : column);
        }

        foreach (var row in _rows)
        {
            table.AddRow([.. shown.Select(c => CellMarkup(row[c], widths[c]))]);
        }

        return table;
    }

    private (List<int> Shown, Dictionary<int, int> Widths) Layout(int width)
    {
        var shown = Enumerable.Range(0, columns.Count).ToList();
        var widths = shown.ToDictionary(c => c, NaturalWidthOf);
        foreach (var drop in shown.Where(c => columns[c].Fit == ColumnFit.Drop).Reverse().ToList())
        {
            if (Width(shown.Select(c => widths[c])) <= width)
            {
                break;
            }

            shown.Remove(drop);
        }

        // Take one column at a time from the widest label, so labels give way evenly, until the table fits or every
        // label is at its minimum.
        while (Width(shown.Select(c => widths[c])) > width)
        {
            var widest = shown.Where(c => columns[c].Fit == ColumnFit.Shorten && widths[c] > MinimumOf(c))
                .OrderByDescending(c => widths[c]).Cast<int?>().FirstOrDefault();
            if (widest is not { } column)
            {
                break;
            }

            widths[column]--;
        }

        return (shown, widths);
    }

    /// <summary>Cuts <paramref name="text"/> to <paramref name="width"/> terminal columns, ending in … when cut.</summary>
    public static string Shorten(string text, int width)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (CellWidth(text) <= width)
        {
            return text;
        }

        var elements = StringInfo.GetTextElementEnumerator(text);
        var kept = new System.Text.StringBuilder();
        var used = 0;
        while (elements.MoveNext() && used < width - 1)
        {
            kept.Append(elements.GetTextElement());
            used++;
        }

        return kept.ToString().TrimEnd() + "…";
    }

    /// <summary>Terminal columns a text takes: one per character as a person sees it (a letter with its accents is one).</summary>
    public static int CellWidth(string text) => new StringInfo(text).LengthInTextElements;

    private static string CellMarkup(FittedCell cell, int width)
    {
        var text = Spectre.Console.Markup.Escape(Shorten(cell.Text, width));
        return cell.Style is null ? text : $"[{cell.Style}]{text}[/]";
    }

    private static int Width(IEnumerable<int> widths) => 1 + widths.Sum(w => w + FramePerColumn);

    private int NaturalWidthOf(int column) =>
        _rows.Select(r => CellWidth(r[column].Text)).Append(CellWidth(columns[column].Header)).Max();

    private int MinimumOf(int column) => Math.Min(columns[column].MinWidth, NaturalWidthOf(column));
}
