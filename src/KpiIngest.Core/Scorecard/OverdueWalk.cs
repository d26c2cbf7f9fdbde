using KpiIngest.Core.Periods;

namespace KpiIngest.Core.Scorecard;

/// <summary>
/// A kpi_daily_overdue row: of one unit's dossiers received on <paramref name="ReceivedDay"/>, those not resolved by a
/// due time that falls on <paramref name="DueDay"/> (local dates).
/// </summary>
public sealed record DailyOverdueRow(string UnitId, DateOnly ReceivedDay, DateOnly DueDay, OverdueCounts Counts);

/// <summary>
/// Overdue at S per unit for many snapshot dates and period kinds from one read of kpi_daily_overdue (scorecard.md,
/// "Overdue at S"): for a date S and its period start ps, the sum over rows received in [ps, S] whose due day is S or
/// earlier. A due time is never before its received time (the contract quarantines such rows), so a row counts from
/// its due day to the end of the period it was received in: with the rows ordered by due day, each period kind keeps a
/// running sum that moves forward with S and starts again when a new period starts, instead of one aggregate per date.
/// </summary>
public sealed class OverdueWalk
{
    private readonly DailyOverdueRow[] _byDueDay;
    private readonly Dictionary<PeriodKind, Cursor> _cursors = [];

    /// <param name="rows">The rows of every received day the dates' periods cover (any order).</param>
    public OverdueWalk(IEnumerable<DailyOverdueRow> rows)
    {
        _byDueDay = [.. rows.OrderBy(r => r.DueDay)];
    }

    /// <summary>
    /// Overdue at <paramref name="date"/> per unit id, of the dossiers received in the period of <paramref name="kind"/>
    /// ending on it; units with none are absent. Dates asked in increasing order per kind cost one pass in all.
    /// </summary>
    public IReadOnlyDictionary<string, OverdueCounts> At(DateOnly date, PeriodKind kind)
    {
        var start = kind.Start(date);
        if (!_cursors.TryGetValue(kind, out var cursor) || cursor.PeriodStart != start || date < cursor.Date)
        {
            cursor = new Cursor(start, FirstDueOnOrAfter(start));
            _cursors[kind] = cursor;
        }

        cursor.MoveTo(date, _byDueDay);
        return new Dictionary<string, OverdueCounts>(cursor.Sums, StringComparer.Ordinal);
    }

    /// <summary>The first row due on <paramref name="day"/> or later: rows received in a period are due in it or after.</summary>
    private int FirstDueOnOrAfter(DateOnly day)
    {
        int low = 0, high = _byDueDay.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (_byDueDay[middle].DueDay < day)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>One period kind's running sums: rows before <see cref="_next"/> are added when received in the period.</summary>
    private sealed class Cursor(DateOnly periodStart, int next)
    {
        private int _next = next;

        public DateOnly PeriodStart { get; } = periodStart;

        public DateOnly Date { get; private set; } = DateOnly.MinValue;

        public Dictionary<string, OverdueCounts> Sums { get; } = new(StringComparer.Ordinal);

        public void MoveTo(DateOnly date, DailyOverdueRow[] byDueDay)
        {
            for (; _next < byDueDay.Length && byDueDay[_next].DueDay <= date; _next++)
            {
                var row = byDueDay[_next];
                if (row.ReceivedDay >= PeriodStart && row.ReceivedDay <= date)
                {
                    Sums[row.UnitId] = Sums.GetValueOrDefault(row.UnitId).Plus(row.Counts);
                }
            }

            Date = date;
        }
    }
}
