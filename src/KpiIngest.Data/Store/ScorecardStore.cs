using KpiIngest.Core.Periods;
using KpiIngest.Core.Scorecard;
using KpiIngest.Core.Snapshots;
using KpiIngest.Data.Store.Dialects;

namespace KpiIngest.Data.Store;

/// <summary>
/// kpi_scorecard (scorecard.md, "Where it goes"): a snapshot date's rows are replaced whole, in the transaction that
/// replaces the date's kpi_snapshot rows, so the two tables always hold the same dates and scopes.
/// </summary>
public sealed class ScorecardStore(StoreCommands store)
{
    private static readonly IReadOnlyList<StoreColumn> Columns =
    [
        new("snapshot_date", StoreType.Day), new("period", StoreType.Text), new("period_start", StoreType.Day),
        new("scope", StoreType.Text), new("scope_id", StoreType.Text), new("level", StoreType.SmallNumber),
        new("item", StoreType.Text), new("group_code", StoreType.Text), new("numerator", StoreType.Count),
        new("denominator", StoreType.Count), new("ratio", StoreType.Percentage), new("points", StoreType.Percentage),
        new("max_points", StoreType.SmallNumber), new("known_max_points", StoreType.SmallNumber), new("basis", StoreType.Text),
        new("is_final", StoreType.Flag), new("computed_at", StoreType.Utc),
    ];

    /// <summary>
    /// Replaces every row of <paramref name="snapshotDate"/> with <paramref name="rows"/> (none when the scorecard is
    /// disabled, which also clears the date's earlier rows); returns the count written. Runs on the session's open
    /// write transaction.
    /// </summary>
    public int Replace(DateOnly snapshotDate, IReadOnlyList<ScorecardRow> rows, DateTimeOffset computedAt)
    {
        ArgumentNullException.ThrowIfNull(rows);
        store.Write(store.Dialect.Sql("DeleteScorecardDate"), new { date = store.Dialect.Day(snapshotDate) });
        store.Dialect.BulkInsert(store.Connection, store.RequireTransaction(), store.Dialect.Resolve("{schema}.kpi_scorecard"), Columns, rows.Select(row => new object?[]
        {
            snapshotDate, row.Period.Text(), row.PeriodStart, row.Scope.Text(), row.ScopeId, row.Level, row.Item, row.GroupCode,
            row.Numerator, row.Denominator, row.Ratio, row.Points, row.MaxPoints, row.KnownMaxPoints, BasisText(row.Basis),
            row.IsFinal, computedAt,
        }));
        return rows.Count;
    }

    /// <summary>kpi_scorecard_item from the program's items, groups and total, as kpi_indicator is from its catalog.</summary>
    public void ReplaceItems()
    {
        store.Write(store.Dialect.Sql("DeleteScorecardItems"));
        store.Write(store.Dialect.Sql("InsertScorecardItem"), ScorecardItems.ItemTableRows);
    }

    /// <summary>The basis as stored: upper case (EXACT, PROVISIONAL, PROXY, ENTERED, MISSING); null for groups and the total.</summary>
    public static string? BasisText(ScoreBasis? basis) => basis?.ToString().ToUpperInvariant();
}
