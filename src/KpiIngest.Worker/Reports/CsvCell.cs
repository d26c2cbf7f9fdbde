namespace KpiIngest.Worker.Reports;

/// <summary>CSV cells that spreadsheets read as data: quoted when needed, and never taken for a formula.</summary>
public static class CsvCell
{
    public static string Of(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        // A cell starting with = + - @ or a control character would run as a formula in Excel or LibreOffice.
        var text = value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
