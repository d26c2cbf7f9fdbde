using KpiIngest.Core.Periods;
using KpiIngest.Core.Scorecard;
using KpiIngest.Core.Snapshots;

namespace KpiIngest.Data.Store;

/// <summary>
/// What the surfaces read of kpi_scorecard (scorecard.md, "Where it goes"): never computed here, only read as stored. The
/// writer of the table is the snapshot run; these reads are report's, the overview's, the workbook's and the digest's.
/// </summary>
public static class ScorecardReadings
{
    /// <summary>
    /// Every kpi_scorecard row of one date and period (and scope, when given), with the unit's name and the item's
    /// Vietnamese name (kpi_scorecard_item): PROVINCE, then LEVEL, then UNIT; within a scope each group's row before its
    /// items, the total last.
    /// </summary>
    public static IReadOnlyList<ScorecardReportRow> Query(StoreSession store, DateOnly snapshotDate, PeriodKind period, ScopeKind? scope)
    {
        ArgumentNullException.ThrowIfNull(store);
        return [.. store.Commands.Query<StoredScorecardRow>(
                store.Dialect.Sql("ReportScorecardRows"),
                new { date = store.Dialect.Day(snapshotDate), period = period.Text(), scope = scope?.Text() })
            .Select(r => r.ToReportRow())];
    }

    /// <summary>The province's total of one date and period (<see cref="ScorecardRuleSet.Total"/>); null when the store has none.</summary>
    public static ScorecardTotal? ProvinceTotal(StoreSession store, DateOnly snapshotDate, PeriodKind period)
    {
        ArgumentNullException.ThrowIfNull(store);
        using var reader = store.Commands.Reader(
            store.Dialect.Sql("ProvinceScorecardTotal"), new { date = store.Dialect.Day(snapshotDate), period = period.Text() });
        return reader.Read()
            ? new ScorecardTotal(StoreValue.Percentage(reader.GetValue(0)), (int)StoreValue.Number(reader.GetValue(1)))
            : null;
    }

    /// <summary>A row as the engine returns it: dates, booleans and decimals in the engine's own types.</summary>
    private sealed class StoredScorecardRow : StoredScopedRow
    {
        public string Item { get; init; } = "";
        public string? ItemName { get; init; }
        public string GroupCode { get; init; } = "";
        public object? Numerator { get; init; }
        public object? Denominator { get; init; }
        public object? Ratio { get; init; }
        public object? Points { get; init; }
        public object MaxPoints { get; init; } = 0;
        public object KnownMaxPoints { get; init; } = 0;
        public string? Basis { get; init; }
        public object IsFinal { get; init; } = false;
        public object ComputedAt { get; init; } = "";

        public ScorecardReportRow ToReportRow() => new(this)
        {
            Item = Item,
            ItemName = ItemName,
            GroupCode = GroupCode,
            Numerator = StoreValue.IsNull(Numerator) ? null : StoreValue.Number(Numerator!),
            Denominator = StoreValue.IsNull(Denominator) ? null : StoreValue.Number(Denominator!),
            Ratio = StoreValue.Percentage(Ratio),
            Points = StoreValue.Percentage(Points),
            MaxPoints = (int)StoreValue.Number(MaxPoints),
            KnownMaxPoints = (int)StoreValue.Number(KnownMaxPoints),
            Basis = Basis,
            IsFinal = StoreValue.Bool(IsFinal),
            ComputedAt = StoreFormat.Utc(StoreValue.Utc(ComputedAt)),
        };
    }
}

/// <summary>A province's total: its points (null when no item could be computed) and the max of the items that could.</summary>
public sealed record ScorecardTotal(decimal? Points, int KnownMaxPoints);

/// <summary>A kpi_scorecard row as the surfaces show it: the store's columns (dates as yyyy-MM-dd), the unit's and item's names.</summary>
public sealed class ScorecardReportRow : ScopedReportRow
{
    internal ScorecardReportRow(StoredScopedRow stored)
        : base(stored)
    {
    }

    public string Item { get; init; } = "";

    /// <summary>The Vietnamese name from kpi_scorecard_item; null when the catalog lacks the code.</summary>
    public string? ItemName { get; init; }

    public string GroupCode { get; init; } = "";
    public long? Numerator { get; init; }
    public long? Denominator { get; init; }
    public decimal? Ratio { get; init; }
    public decimal? Points { get; init; }
    public int MaxPoints { get; init; }
    public int KnownMaxPoints { get; init; }

    /// <summary>EXACT, PROVISIONAL, PROXY, ENTERED or MISSING; null for groups and the total.</summary>
    public string? Basis { get; init; }

    public bool IsFinal { get; init; }

    /// <summary>The UTC instant it was computed, as the store writes it (yyyy-MM-ddTHH:mm:ss.fffZ).</summary>
    public string ComputedAt { get; init; } = "";

    /// <summary>The total's row (<see cref="ScorecardRuleSet.Total"/>).</summary>
    public bool IsTotal => Item == ScorecardRuleSet.Total;

    /// <summary>A group's row (G1..G6): its item code is its group code.</summary>
    public bool IsGroup => !IsTotal && Item == GroupCode;

    /// <summary>One of the 21 items.</summary>
    public bool IsItem => !IsTotal && !IsGroup;

    /// <summary>The item's name as the catalog gives it, else its code.</summary>
    public string Name => string.IsNullOrEmpty(ItemName) ? Item : ItemName;
}
