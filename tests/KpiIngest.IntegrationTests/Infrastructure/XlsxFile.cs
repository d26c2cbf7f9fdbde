using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Spreadsheet;
using KpiIngest.Worker.Reports;

namespace KpiIngest.IntegrationTests.Infrastructure;

/// <summary>One cell as a spreadsheet program reads it: its kind, its value, its number format and whether it is a formula.</summary>
public sealed record XlsxCell(string Reference, XlsxCellKind Kind, string? Text, decimal? Number, uint NumberFormatId, bool QuotePrefix, bool IsFormula)
{
    public override string ToString() =>
        $"{Reference}: {Kind} {(Kind == XlsxCellKind.Number ? Number?.ToString(CultureInfo.InvariantCulture) : Text)} (numFmt {NumberFormatId}{(IsFormula ? ", formula" : "")})";
}

public enum XlsxCellKind
{
    Blank,
    Text,
    Number,
    Other,
}

/// <summary>One worksheet: cells by (row, column), both 1-based, and its frozen pane's top-left cell.</summary>
public sealed class XlsxSheet(string name, IReadOnlyDictionary<(int Row, int Column), XlsxCell> cells, string? frozenTopLeft, IReadOnlyList<double> columnWidths)
{
    public string Name { get; } = name;

    /// <summary>The top-left cell of the scrolling part when rows or columns are frozen; null when nothing is.</summary>
    public string? FrozenTopLeft { get; } = frozenTopLeft;

    public IReadOnlyList<double> ColumnWidths { get; } = columnWidths;

    public int LastRow => cells.Count == 0 ? 0 : cells.Keys.Max(k => k.Row);

    public IEnumerable<XlsxCell> Cells => cells.Values;

    public XlsxCell this[int row, int column] =>
        cells.TryGetValue((row, column), out var cell) ? cell : new XlsxCell(XlsxWriter.Reference(row, column), XlsxCellKind.Blank, null, null, 0, false, false);

    /// <summary>The texts of one row from column 1 up to its last cell (blank cells as "").</summary>
    public IReadOnlyList<string> RowTexts(int row)
    {
        var last = cells.Keys.Where(k => k.Row == row).Select(k => k.Column).DefaultIfEmpty(0).Max();
        return [.. Enumerable.Range(1, last).Select(c => this[row, c].Text ?? "")];
    }
}

/// <summary>
/// Reads an .xlsx with the Open XML SDK the way a spreadsheet program would: shared and inline strings as text, numbers
/// as numbers, each cell's number format from the stylesheet. For tests that check a workbook cell by cell.
/// </summary>
public static class XlsxFile
{
    public static IReadOnlyList<XlsxSheet> Read(string path)
    {
        using var document = SpreadsheetDocument.Open(path, isEditable: false);
        var workbook = document.WorkbookPart ?? throw new InvalidDataException($"{path} has no workbook part.");
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        var formats = workbook.WorkbookStylesPart?.Stylesheet.CellFormats?.Elements<CellFormat>().ToList() ?? [];
        var sheets = new List<XlsxSheet>();
        foreach (var sheet in workbook.Workbook.Sheets?.Elements<Sheet>() ?? [])
        {
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
            var cells = new Dictionary<(int, int), XlsxCell>();
            foreach (var cell in part.Worksheet.Descendants<Cell>())
            {
                var reference = cell.CellReference!.Value!;
                var format = cell.StyleIndex is { } index && index.Value < formats.Count ? formats[(int)index.Value] : null;
                cells[Position(reference)] = Describe(cell, reference, shared, format);
            }

            var pane = part.Worksheet.Descendants<Pane>().FirstOrDefault(p => p.State?.Value == PaneStateValues.Frozen);
            var widths = part.Worksheet.Descendants<Column>()
                .SelectMany(c => Enumerable.Range((int)c.Min!.Value, (int)(c.Max!.Value - c.Min!.Value + 1)).Select(_ => c.Width?.Value ?? 0))
                .ToList();
            sheets.Add(new XlsxSheet(sheet.Name!.Value!, cells, pane?.TopLeftCell?.Value, widths));
        }

        return sheets;
    }

    /// <summary>What the Open XML SDK's validator finds wrong with the file against the Office schemas (none for a workbook Excel opens).</summary>
    public static IReadOnlyList<string> SchemaErrors(string path)
    {
        using var document = SpreadsheetDocument.Open(path, isEditable: false);
        return [.. new OpenXmlValidator().Validate(document).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}")];
    }

    private static (int Row, int Column) Position(string reference)
    {
        var split = 0;
        while (char.IsAsciiLetter(reference[split]))
        {
            split++;
        }

        var column = reference[..split].Aggregate(0, (sum, letter) => (sum * 26) + (letter - 'A' + 1));
        return (int.Parse(reference[split..], CultureInfo.InvariantCulture), column);
    }

    private static XlsxCell Describe(Cell cell, string reference, List<string> shared, CellFormat? format)
    {
        var numberFormat = format?.NumberFormatId?.Value ?? 0;
        var quotePrefix = format?.QuotePrefix?.Value ?? false;
        var isFormula = cell.CellFormula is not null;
        var type = cell.DataType?.Value;
        if (type == CellValues.InlineString)
        {
            return new(reference, XlsxCellKind.Text, cell.InlineString?.InnerText ?? "", null, numberFormat, quotePrefix, isFormula);
        }

        if (type == CellValues.SharedString)
        {
            return new(reference, XlsxCellKind.Text, shared[int.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture)], null, numberFormat, quotePrefix, isFormula);
        }

        if (type == CellValues.String)
        {
            return new(reference, XlsxCellKind.Text, cell.CellValue?.Text ?? "", null, numberFormat, quotePrefix, isFormula);
        }

        if (cell.CellValue is null)
        {
            return new(reference, XlsxCellKind.Blank, null, null, numberFormat, quotePrefix, isFormula);
        }

        return type is null || type == CellValues.Number
            ? new(reference, XlsxCellKind.Number, null, decimal.Parse(cell.CellValue.Text, NumberStyles.Float, CultureInfo.InvariantCulture), numberFormat, quotePrefix, isFormula)
            : new(reference, XlsxCellKind.Other, cell.CellValue.Text, null, numberFormat, quotePrefix, isFormula);
    }
}
