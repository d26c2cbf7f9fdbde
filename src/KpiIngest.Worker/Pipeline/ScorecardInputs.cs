using KpiIngest.Core.Periods;
using KpiIngest.Core.Scorecard;
using KpiIngest.Core.Source;
using KpiIngest.Data.Store;

namespace KpiIngest.Worker.Pipeline;

/// <summary>
/// What the scorecard needs from the source side beyond the daily pairs: which optional source columns the source has
/// (scorecard.md, "Optional source columns") and, per unit, the dossiers of a period overdue at its snapshot date
/// ("Overdue at S"). The one seam between composing the scorecard and reading those facts.
/// </summary>
public interface IScorecardInputs
{
    /// <summary>The optional columns present in the source, as the last ingest saw them.</summary>
    OptionalColumns Present(StoreSession store);

    /// <summary>
    /// Per unit id, of the dossiers received in the period of <paramref name="period"/> ending on <paramref name="asOf"/>,
    /// those overdue at it. Read whole before the date's write transaction begins: no reader may stay open (see
    /// <see cref="SnapshotPipeline"/> on readers pinning SQLite's snapshot).
    /// </summary>
    IReadOnlyDictionary<string, OverdueCounts> Overdue(StoreSession store, DateOnly asOf, PeriodKind period);
}

/// <summary>
/// Until the source side records the optional columns and counts overdue dossiers, no optional column is known and no
/// dossier is overdue: DOSSIER_SYNC and RECEIVING_SATISFACTION are PROXY, the items of the missing columns MISSING.
/// </summary>
public sealed class ScorecardInputs : IScorecardInputs
{
    private static readonly IReadOnlyDictionary<string, OverdueCounts> NoneOverdue = new Dictionary<string, OverdueCounts>(StringComparer.Ordinal);

    public OptionalColumns Present(StoreSession store) => OptionalColumns.None;

    public IReadOnlyDictionary<string, OverdueCounts> Overdue(StoreSession store, DateOnly asOf, PeriodKind period) => NoneOverdue;
}
