using System.Globalization;
using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;

namespace KpiIngest.IntegrationTests.Display;

/// <summary>The tables a terminal showed (rounded Spectre tables), read back as lines of cells.</summary>
public sealed record TerminalTable(IReadOnlyList<string> Lines)
{
    /// <summary>The header row's cells.</summary>
    public IReadOnlyList<string> Header => Cells(Lines[1]);

    /// <summary>The rows below the header, one per line as the terminal shows them.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Rows => [.. Lines.Skip(3).Take(Lines.Count - 4).Select(Cells)];

    /// <summary>Every table in <paramref name="output"/>: from a line starting ╭ to the next starting ╰.</summary>
    public static IReadOnlyList<TerminalTable> Read(string output)
    {
        var tables = new List<TerminalTable>();
        List<string>? current = null;
        foreach (var line in output.Split('\n'))
        {
            var trimmed = line.TrimEnd();
            if (trimmed.StartsWith('╭'))
            {
                current = [trimmed];
            }
            else if (current is not null)
            {
                current.Add(trimmed);
                if (trimmed.StartsWith('╰'))
                {
                    tables.Add(new TerminalTable(current));
                    current = null;
                }
            }
        }

        return tables;
    }

    /// <summary>
    /// No cell folded over two lines: every line of the table has as many column separators as the header, and no row
    /// line has an empty cell (a folded cell leaves the row's other cells empty on its second line).
    /// </summary>
    public void ShouldHaveNoFoldedCell(CliResult result)
    {
        var separators = Count(Lines[1]);
        foreach (var line in Lines.Skip(1).Take(Lines.Count - 2).Where(l => l.Contains('│', StringComparison.Ordinal)))
        {
            Count(line).ShouldBe(separators, $"'{line}' has as many columns as the header{Environment.NewLine}{result.Describe()}");
        }

        foreach (var row in Rows)
        {
            row.ShouldAllBe(cell => cell.Length > 0, $"a row with an empty cell is a folded one: {string.Join(" | ", row)}{Environment.NewLine}{result.Describe()}");
        }
    }

    /// <summary>Terminal columns a line takes: a letter with its accents is one.</summary>
    public static int Width(string line) => new StringInfo(line).LengthInTextElements;

    private static int Count(string line) => line.Count(c => c == '│');

    private static string[] Cells(string line) =>
        [.. line.Trim().Trim('│').Split('│').Select(c => c.Trim())];
}
