using KpiIngest.Core.Facts;
using KpiIngest.Core.Scorecard;
using KpiIngest.Data.Store.Dialects;

namespace KpiIngest.Data.Store;

/// <summary>
/// kpi_daily_overdue: late dossiers (a due time, not resolved by it) per (unit, received day, due day), changed only by
/// the deltas that change kpi_daily_pair, in the same transaction. "Overdue at S" of any date and period sums it
/// (<see cref="OverdueWalk"/>).
/// </summary>
public sealed class DailyOverdueStore(StoreCommands store)
{
    private static readonly StageTable StagedDeltas = new("kpi_stage_daily_overdue",
    [
        new("unit_id", StoreType.Text), new("received_day", StoreType.Day), new("due_day", StoreType.Day),
        new("overdue", StoreType.Count), new("overdue_with_complaint", StoreType.Count),
    ]);

    /// <summary>Adds a transaction's late-dossier deltas: row by row on SQLite; elsewhere staged, then one upsert and one prune.</summary>
    public void Apply(DailyPairDelta delta)
    {
        var changes = delta.OverdueChanges.ToList();
        if (changes.Count == 0)
        {
            return;
        }

        var rows = changes.Select(c => new object?[]
        {
            c.UnitId, c.ReceivedDay, c.DueDay, c.Counts.Overdue, c.Counts.OverdueWithComplaint,
        }).ToList();
        if (store.Dialect.WritesRowByRow)
        {
            foreach (var _ in store.Dialect.ExecuteEach(store.Connection, store.RequireTransaction(), "AddDailyOverdueDelta", StagedDeltas.Columns, rows))
            {
            }

            var lowered = rows.Where(r => (long)r[3]! < 0).Select(r => r[..3]);
            foreach (var _ in store.Dialect.ExecuteEach(store.Connection, store.RequireTransaction(), "PruneDailyOverdue", [.. StagedDeltas.Columns.Take(3)], lowered))
            {
            }

            return;
        }

        store.Dialect.CreateStage(store.Connection, store.RequireTransaction(), StagedDeltas);
        store.Dialect.BulkInsert(store.Connection, store.RequireTransaction(), store.Dialect.StageName(StagedDeltas), StagedDeltas.Columns, rows);
        store.Write(store.Dialect.Sql("ApplyStagedDailyOverdue"));
        store.Write(store.Dialect.Sql("PruneStagedDailyOverdue"));
    }

    /// <summary>The rows received on <paramref name="from"/> or later and due on <paramref name="to"/> or earlier.</summary>
    public IReadOnlyList<DailyOverdueRow> Read(DateOnly from, DateOnly to)
    {
        var result = new List<DailyOverdueRow>();
        using var rows = store.Rows("ReadDailyOverdue", ("from", store.Dialect.Day(from)), ("to", store.Dialect.Day(to)));
        while (rows.Read())
        {
            result.Add(new DailyOverdueRow(
                (string)rows.Value(0), StoreValue.Day(rows.Value(1)), StoreValue.Day(rows.Value(2)),
                new OverdueCounts(rows.Number(3), rows.Number(4))));
        }

        return result;
    }
}
