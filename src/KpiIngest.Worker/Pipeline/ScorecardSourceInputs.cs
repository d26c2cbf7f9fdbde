using KpiIngest.Core.Periods;
using KpiIngest.Core.Scorecard;
using KpiIngest.Core.Source;
using KpiIngest.Data.Store;

namespace KpiIngest.Worker.Pipeline;

/// <summary>
/// What the scorecard needs from the source side for a set of snapshot dates: the optional source columns the facts
/// were read with (kpi_state "optional_columns", written with the watermark), and each unit's overdue counts at a
/// date S for a period kind (scorecard.md, "Overdue at S"), from one read of kpi_daily_overdue walked date by date.
/// </summary>
public sealed class ScorecardSourceInputs
{
    private readonly OverdueWalk _walk;

    private ScorecardSourceInputs(OptionalColumns optionalColumns, OverdueWalk walk)
    {
        OptionalColumns = optionalColumns;
        _walk = walk;
    }

    /// <summary>The optional columns present at the last poll; none before the first.</summary>
    public OptionalColumns OptionalColumns { get; }

    /// <summary>
    /// Reads what <paramref name="dates"/>' periods of <paramref name="kinds"/> need: the late dossiers received from
    /// the earliest period start on and due by the last date. The rows are read whole, so no reader stays open while
    /// the caller writes.
    /// </summary>
    public static ScorecardSourceInputs Load(StoreSession store, IReadOnlyCollection<DateOnly> dates, IReadOnlyCollection<PeriodKind> kinds)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(dates);
        ArgumentNullException.ThrowIfNull(kinds);
        var optional = store.State.Get(StateStore.OptionalColumns) is { } text
            ? SourceContract.ParseOptionalText(text)
            : OptionalColumns.None;
        if (dates.Count == 0 || kinds.Count == 0)
        {
            return new ScorecardSourceInputs(optional, new OverdueWalk([]));
        }

        var from = dates.SelectMany(date => kinds.Select(kind => kind.Start(date))).Min();
        return new ScorecardSourceInputs(optional, new OverdueWalk(store.DailyOverdue.Read(from, dates.Max())));
    }

    /// <summary>
    /// Overdue at <paramref name="date"/> per unit id, of the dossiers received in its <paramref name="kind"/> period
    /// (units with none are absent). <paramref name="date"/> must be one of the loaded dates; dates asked in increasing
    /// order per kind cost one pass in all.
    /// </summary>
    public IReadOnlyDictionary<string, OverdueCounts> Overdue(DateOnly date, PeriodKind kind) => _walk.At(date, kind);
}
