using KpiIngest.Data.Store.Dialects;

namespace KpiIngest.Data.Store;

/// <summary>The statements that add a transaction's deltas to a table of additive counts, and remove rows left at zero.</summary>
/// <param name="AddRow">SQLite's row path: one prepared upsert per delta.</param>
/// <param name="PruneRow">SQLite's row path: one prepared delete per key a negative delta may have brought to zero.</param>
/// <param name="ApplyStaged">The servers: one set-based upsert of the staged deltas.</param>
/// <param name="PruneStaged">The servers: one delete of the staged keys left at zero.</param>
internal sealed record DeltaStatements(string AddRow, string PruneRow, string ApplyStaged, string PruneStaged);

/// <summary>
/// How a table of additive counts (kpi_daily_pair, kpi_daily_overdue) takes a transaction's deltas: row by row on
/// SQLite (prepared statements beat staging there); elsewhere staged in bulk, then one set-based upsert and one prune.
/// Rows are made as they are written, not gathered first: a transaction may have tens of thousands.
/// </summary>
internal static class CountDeltas
{
    /// <param name="store">The store session's commands, in its open transaction.</param>
    /// <param name="stage">The staging table: the key columns first, then the counts.</param>
    /// <param name="keyColumns">How many of <paramref name="stage"/>'s columns are the key.</param>
    /// <param name="sql">The table's four statements.</param>
    /// <param name="changes">The deltas; enumerated once to write them, and on SQLite once more for the prune.</param>
    /// <param name="row">A delta's values in <paramref name="stage"/>'s column order.</param>
    /// <param name="mayReachZero">True for a delta that lowers a count, which may leave its row at zero.</param>
    public static void Apply<T>(
        StoreCommands store, StageTable stage, int keyColumns, DeltaStatements sql,
        IEnumerable<T> changes, Func<T, object?[]> row, Func<T, bool> mayReachZero)
    {
        var rows = changes.Select(row);
        if (store.Dialect.WritesRowByRow)
        {
            foreach (var _ in store.Dialect.ExecuteEach(store.Connection, store.RequireTransaction(), sql.AddRow, stage.Columns, rows))
            {
            }

            var lowered = changes.Where(mayReachZero).Select(change => row(change)[..keyColumns]);
            foreach (var _ in store.Dialect.ExecuteEach(store.Connection, store.RequireTransaction(), sql.PruneRow, [.. stage.Columns.Take(keyColumns)], lowered))
            {
            }

            return;
        }

        store.Dialect.CreateStage(store.Connection, store.RequireTransaction(), stage);
        store.Dialect.BulkInsert(store.Connection, store.RequireTransaction(), store.Dialect.StageName(stage), stage.Columns, rows);
        store.Write(store.Dialect.Sql(sql.ApplyStaged));
        store.Write(store.Dialect.Sql(sql.PruneStaged));
    }
}
