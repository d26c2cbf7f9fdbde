using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace KpiIngest.Worker.Reports;

/// <summary>
/// Writes <see cref="SheetTable"/>s as an .xlsx workbook through the Open XML SDK: text as inline strings (a value, never a
/// formula), numbers as numbers with a number format, the title and header rows frozen, columns as wide as their content.
/// </summary>
public static class XlsxWriter
{
    /// <summary>Excel's built-in number formats: <c>#,##0</c> and <c>0.00%</c>, shown in the reader's own locale.</summary>
    private const uint CountFormat = 3;
    private const uint PercentFormat = 10;

    /// <summary>Excel's built-in <c>0.00</c>: scorecard points, two decimals as the spec rounds them.</summary>
    private const uint PointsFormat = 2;

    private const int HeaderRow = 2;
    private const double MinWidth = 6;
    private const double MaxWidth = 60;

    public static void Write(Stream output, IReadOnlyList<SheetTable> sheets)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
        var list = workbook.Workbook.AppendChild(new Sheets());
        for (var i = 0; i < sheets.Count; i++)
        {
            var part = workbook.AddNewPart<WorksheetPart>();
            part.Worksheet = Worksheet(sheets[i], selected: i == 0);
            list.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = (uint)(i + 1), Name = sheets[i].Name });
        }
    }

    private static Worksheet Worksheet(SheetTable sheet, bool selected)
    {
        var data = new SheetData();
        data.Append(Row(1, [new SheetCell(sheet.Title, null, SheetStyle.Title)]));
        data.Append(Row(HeaderRow, [.. sheet.Headers.Select(h => new SheetCell(h, null, SheetStyle.Header))]));
        var index = HeaderRow;
        foreach (var cells in sheet.Rows)
        {
            data.Append(Row(++index, cells));
        }

        return new Worksheet(FrozenHeader(selected), Widths(sheet), data);
    }

    private static Row Row(int index, IReadOnlyList<SheetCell> cells)
    {
        var row = new Row { RowIndex = (uint)index };
        for (var column = 0; column < cells.Count; column++)
        {
            var cell = Cell(cells[column]);
            cell.CellReference = Reference(index, column + 1);
            row.Append(cell);
        }

        return row;
    }

    private static Cell Cell(SheetCell value)
    {
        var cell = new Cell { StyleIndex = (uint)value.Style };
        if (value.Text is { } text)
        {
            cell.DataType = CellValues.InlineString;
            cell.InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
        }
        else if (value.Number is { } number)
        {
            cell.DataType = CellValues.Number;
            cell.CellValue = new CellValue(number);
        }

        return cell;
    }

    /// <summary>The title and header rows stay in view while the rows scroll.</summary>
    private static SheetViews FrozenHeader(bool selected)
    {
        var firstData = Reference(HeaderRow + 1, 1);
        return new SheetViews(new SheetView(
            new Pane
            {
                VerticalSplit = HeaderRow,
                TopLeftCell = firstData,
                ActivePane = PaneValues.BottomLeft,
                State = PaneStateValues.Frozen,
            },
            new Selection { Pane = PaneValues.BottomLeft, ActiveCell = firstData, SequenceOfReferences = new ListValue<StringValue> { InnerText = firstData } })
        {
            TabSelected = selected,
            WorkbookViewId = 0,
        });
    }

    /// <summary>Each column as wide as its longest header or value (in characters), within bounds; the title may overflow.</summary>
    private static Columns Widths(SheetTable sheet)
    {
        var columns = new Columns();
        for (var i = 0; i < sheet.Headers.Count; i++)
        {
            var longest = sheet.Rows.Select(r => Length(r[i])).Append(sheet.Headers[i].Length).Max();
            columns.Append(new Column
            {
                Min = (uint)(i + 1),
                Max = (uint)(i + 1),
                Width = Math.Clamp(longest + 2, MinWidth, MaxWidth),
                CustomWidth = true,
            });
        }

        return columns;
    }

    private static int Length(SheetCell cell) => cell switch
    {
        { Text: { } text } => text.Length,
        { Style: SheetStyle.Percent, Number: not null } => "100,00%".Length,
        { Number: { } number } => number.ToString("#,0", CultureInfo.InvariantCulture).Length,
        _ => 0,
    };

    /// <summary>One cell format per <see cref="SheetStyle"/>, in its order (a cell's StyleIndex is its style's value).</summary>
    private static Stylesheet Styles()
    {
        var fonts = new Fonts(
            Font(bold: false),
            Font(bold: true),
            Font(bold: true, size: 14),
            Font(bold: true, rgb: "FF006100"),
            Font(bold: true, rgb: "FF9C0006"));
        var fills = new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFDDEBF7" }) { PatternType = PatternValues.Solid }));
        var thin = new Border(
            new LeftBorder { Style = BorderStyleValues.Thin },
            new RightBorder { Style = BorderStyleValues.Thin },
            new TopBorder { Style = BorderStyleValues.Thin },
            new BottomBorder { Style = BorderStyleValues.Thin },
            new DiagonalBorder());
        var borders = new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()), thin);
        var formats = new CellFormats(Enum.GetValues<SheetStyle>().Select(Format));
        return new Stylesheet(
            fonts,
            fills,
            borders,
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }),
            formats,
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }));
    }

    private static CellFormat Format(SheetStyle style)
    {
        var format = new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 1, FormatId = 0, ApplyBorder = true };
        switch (style)
        {
            case SheetStyle.Title:
                (format.FontId, format.BorderId, format.ApplyFont) = (2u, 0u, true);
                break;
            case SheetStyle.Header:
                (format.FontId, format.FillId, format.ApplyFont, format.ApplyFill, format.ApplyAlignment) = (1u, 2u, true, true, true);
                format.Alignment = new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Center };
                break;
            case SheetStyle.Count:
                (format.NumberFormatId, format.ApplyNumberFormat) = (CountFormat, true);
                break;
            case SheetStyle.Percent:
                (format.NumberFormatId, format.ApplyNumberFormat) = (PercentFormat, true);
                break;
            case SheetStyle.Points:
                (format.NumberFormatId, format.ApplyNumberFormat) = (PointsFormat, true);
                break;
            case SheetStyle.SourceText:
                // Excel's own mark for text typed with a leading apostrophe: the cell stays text when it is edited.
                format.QuotePrefix = true;
                break;
            case SheetStyle.Met:
                (format.FontId, format.ApplyFont) = (3u, true);
                break;
            case SheetStyle.Missed:
                (format.FontId, format.ApplyFont) = (4u, true);
                break;
        }

        return format;
    }

    private static Font Font(bool bold, double size = 11, string? rgb = null)
    {
        var font = new Font();
        if (bold)
        {
            font.Append(new Bold());
        }

        font.Append(new FontSize { Val = size });
        if (rgb is not null)
        {
            font.Append(new Color { Rgb = rgb });
        }

        font.Append(new FontName { Val = "Calibri" });
        return font;
    }

    /// <summary>A cell reference such as A1 or AB12 (1-based row and column).</summary>
    public static string Reference(int row, int column)
    {
        var letters = "";
        for (var c = column; c > 0; c = (c - 1) / 26)
        {
            letters = (char)('A' + ((c - 1) % 26)) + letters;
        }

        return letters + row.ToString(CultureInfo.InvariantCulture);
    }
}
