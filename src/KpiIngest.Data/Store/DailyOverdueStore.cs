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

    private static readonly DeltaStatements Statements =
        new("AddDailyOverdueDelta", "PruneDailyOverdue", "ApplyStagedDailyOverdue", "PruneStagedDailyOverdue");

    /// <summary>Adds a transaction's late-dossier deltas (<see cref="CountDeltas"/>).</summary>
    public void Apply(DailyPairDelta delta)
    {
        var changes = delta.OverdueChanges.ToList();
        if (changes.Count == 0)
        {
            return;
        }

        CountDeltas.Apply(store, StagedDeltas, keyColumns: 3, Statements, changes,
            c => [c.UnitId, c.ReceivedDay, c.DueDay, c.Counts.Overdue, c.Counts.OverdueWithComplaint],
            c => c.Counts.Overdue < 0);
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
