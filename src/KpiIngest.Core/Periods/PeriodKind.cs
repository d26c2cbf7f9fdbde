namespace KpiIngest.Core.Periods;

/// <summary>The period kinds of a snapshot as of a local date S (indicators.md, "Periods").</summary>
public enum PeriodKind
{
    Day,
    Mtd,
    Qtd,
    Ytd,
}

public static class PeriodKinds
{
    public static IReadOnlyList<PeriodKind> Default { get; } = [PeriodKind.Day, PeriodKind.Mtd, PeriodKind.Ytd];

    public static string Text(this PeriodKind kind) => kind switch
    {
        PeriodKind.Day => "DAY",
        PeriodKind.Mtd => "MTD",
        PeriodKind.Qtd => "QTD",
        PeriodKind.Ytd => "YTD",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static bool TryParse(string? text, out PeriodKind kind)
    {
        foreach (var candidate in Enum.GetValues<PeriodKind>())
        {
            if (string.Equals(candidate.Text(), text, StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }

    public static PeriodKind Parse(string text) =>
        TryParse(text, out var kind) ? kind : throw new FormatException($"'{text}' is not a period (DAY, MTD, QTD, YTD).");

    /// <summary>The first day of the period of this kind that ends on <paramref name="asOf"/>.</summary>
    public static DateOnly Start(this PeriodKind kind, DateOnly asOf) => kind switch
    {
        PeriodKind.Day => asOf,
        PeriodKind.Mtd => new DateOnly(asOf.Year, asOf.Month, 1),
        PeriodKind.Qtd => new DateOnly(asOf.Year, ((asOf.Month - 1) / 3 * 3) + 1, 1),
        PeriodKind.Ytd => new DateOnly(asOf.Year, 1, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The last day of the calendar period of this kind that contains <paramref name="day"/>.</summary>
    public static DateOnly End(this PeriodKind kind, DateOnly day) => kind switch
    {
        PeriodKind.Day => day,
        PeriodKind.Mtd => kind.Start(day).AddMonths(1).AddDays(-1),
        PeriodKind.Qtd => kind.Start(day).AddMonths(3).AddDays(-1),
        PeriodKind.Ytd => new DateOnly(day.Year, 12, 31),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
