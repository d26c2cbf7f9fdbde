using System.Globalization;
using System.Text;

namespace KpiIngest.Core.Source;

/// <summary>
/// Reads the columns of one raw source row into typed values, collecting every way the row breaks the
/// contract instead of stopping at the first, so a quarantine entry tells the integrator everything to fix.
/// </summary>
public sealed class RowCheck(SourceTimeReader times)
{
    /// <summary>Longest value_text kept in kpi_quarantine (store.md).</summary>
    public const int MaxValueText = 1000;

    // Created on the first failure only: almost every row passes, and a million rows should not cost two
    // million empty lists.
    private List<string>? _reasons;
    private List<string>? _values;

    public bool IsValid => _reasons is null;

    public IReadOnlyList<string> Reasons => _reasons ?? [];

    public void Fail(string reason, string column, object? value)
    {
        (_reasons ??= []).Add(reason);
        (_values ??= []).Add($"{column}={Display(value)}");
    }

    /// <summary>The reasons as one sentence-like line for kpi_quarantine.reason.</summary>
    public string Reason => string.Join("; ", Reasons);

    /// <summary>The offending values, control characters escaped, truncated to 1,000 characters.</summary>
    public string ValueText => Truncate(string.Join("; ", _values ?? []), MaxValueText);

    public string? Text(object? value, string column, int maxLength, bool required)
    {
        switch (value)
        {
            case null:
                if (required)
                {
                    Fail($"{column} is missing", column, value);
                }

                return null;
            case string text when required && text.Length == 0:
                Fail($"{column} is empty", column, value);
                return null;
            case string text when text.Length > maxLength:
                Fail($"{column} is longer than {maxLength} characters", column, value);
                return null;
            case string text:
                return text;
            case long or int or short:
                return Convert.ToString(value, CultureInfo.InvariantCulture);
            default:
                Fail($"{column} is not text", column, value);
                return null;
        }
    }

    /// <summary>
    /// A key or a reference to one (dossier_id, unit_id, procedure_code): text of at most 64 characters that neither
    /// starts nor ends with whitespace. SQL Server ignores trailing spaces when it compares text, so 'A' and 'A '
    /// would be one key in a SQL Server store (and one row to a SQL Server source's lookups) while they are two
    /// here; a leading space is refused alike, since a key with either is a typing slip, not a distinct key. The
    /// same rule holds on every engine, so a source moves between them without changing what is quarantined.
    /// </summary>
    public string? Key(object? value, string column, bool required = true)
    {
        var text = Text(value, column, ContractLimits.KeyLength, required);
        if (text is { Length: > 0 } && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])))
        {
            Fail(char.IsWhiteSpace(text[^1])
                ? $"{column} has trailing whitespace: SQL Server would treat it as equal to the key without it"
                : $"{column} has leading whitespace: a key must not start or end with spaces", column, value);
            return null;
        }

        return text;
    }

    public int? WholeNumber(object? value, string column, bool required)
    {
        long? number = value switch
        {
            long l => l,
            int i => i,
            short s => s,
            byte b => b,
            bool flag => flag ? 1 : 0,
            decimal d when d == decimal.Truncate(d) && d is >= long.MinValue and <= long.MaxValue => (long)d,
            double d when d == Math.Truncate(d) && Math.Abs(d) < 1e15 => (long)d,
            string s when long.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
        if (number is null)
        {
            if (value is not null)
            {
                Fail($"{column} is not an integer", column, value);
            }
            else if (required)
            {
                Fail($"{column} is missing", column, value);
            }

            return null;
        }

        if (number is < int.MinValue or > int.MaxValue)
        {
            Fail($"{column} is out of range", column, value);
            return null;
        }

        return (int)number.Value;
    }

    public int? Code(object? value, string column, IReadOnlyCollection<int> allowed)
    {
        var number = WholeNumber(value, column, required: true);
        if (number is { } n && !allowed.Contains(n))
        {
            Fail($"{column} is not one of {string.Join(", ", allowed)}", column, value);
            return null;
        }

        return number;
    }

    public bool Flag(object? value, string column)
    {
        var number = WholeNumber(value, column, required: true);
        if (number is { } n && n is not (0 or 1))
        {
            Fail($"{column} is not a 0/1 flag", column, value);
        }

        return number == 1;
    }

    /// <summary>An optional 0/1 column (scorecard.md): null, or absent from the view, counts as 0; anything else but 0/1 is bad.</summary>
    public bool OptionalFlag(object? value, string column) => value is not null && Flag(value, column);

    public decimal? Amount(object? value, string column)
    {
        decimal? amount = value switch
        {
            null => null,
            decimal d => d,
            long l => l,
            int i => i,
            double d when double.IsFinite(d) && Math.Abs(d) < 1e16 => (decimal)d,
            float f when float.IsFinite(f) && Math.Abs(f) < 1e16 => (decimal)f,
            string s when decimal.TryParse(s.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => Invalid<decimal?>($"{column} is not a number", column, value),
        };
        if (amount is < 0)
        {
            Fail($"{column} is negative", column, value);
            return null;
        }

        if (amount >= 10_000_000_000_000_000m)
        {
            Fail($"{column} exceeds decimal(18,2)", column, value);
            return null;
        }

        return amount;
    }

    public DateTime? Timestamp(object? value, string column)
    {
        if (value is null)
        {
            return null;
        }

        if (times.TryReadLocal(value, out var local, out var problem))
        {
            return local;
        }

        Fail($"{column} {problem}", column, value);
        return null;
    }

    public DateOnly? Date(object? value, string column)
    {
        var local = Timestamp(value, column);
        return local is null ? null : DateOnly.FromDateTime(local.Value);
    }

    private T? Invalid<T>(string reason, string column, object? value)
    {
        Fail(reason, column, value);
        return default;
    }

    /// <summary>Source text is data: shown escaped so control characters cannot forge log lines or cells.</summary>
    public static string Display(object? value)
    {
        var text = value switch
        {
            null => "null",
            string s => "'" + s + "'",
            byte[] bytes => $"<{bytes.Length} bytes>",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        return Escape(Truncate(text, 200));
    }

    public static string Escape(string text)
    {
        if (!text.Any(IsUnsafe))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            builder.Append(IsUnsafe(c) ? $"\\u{(int)c:x4}" : c);
        }

        return builder.ToString();
    }

    /// <summary>Cuts to at most <paramref name="max"/> characters, never through a surrogate pair.</summary>
    public static string Truncate(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = max - 1;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return string.Concat(text.AsSpan(0, cut), "…");
    }

    /// <summary>Control characters, line and paragraph separators, and bidi overrides (which can disguise text).</summary>
    private static bool IsUnsafe(char c) =>
        char.IsControl(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.LineSeparator
            or System.Globalization.UnicodeCategory.ParagraphSeparator or System.Globalization.UnicodeCategory.Format;
}
