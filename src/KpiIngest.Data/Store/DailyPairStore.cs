using KpiIngest.Core.Facts;
using KpiIngest.Core.Source;
using KpiIngest.Data.Store.Dialects;

namespace KpiIngest.Data.Store;

/// <summary>
/// kpi_daily_pair: additive counts per (local day, pair), changed by deltas, or rebuilt from the facts after a first
/// ingest. Rows carry the pair's number (<see cref="PairNumbers"/>), so a year of them is read with no string per row.
/// </summary>
public sealed class DailyPairStore(StoreCommands store, PairNumbers pairs)
{
    private static readonly StageTable StagedDeltas = new("kpi_stage_daily_pair",
    [
        new("day", StoreType.Day), new("pair_id", StoreType.Count),
        .. DayCounts.Columns.Select(column => new StoreColumn(column, StoreType.Count)),
    ]);

    private static readonly DeltaStatements Statements =
        new("AddDailyPairDelta", "PruneDailyPair", "ApplyStagedDailyPairs", "PruneStagedDailyPairs");

    /// <summary>Adds a transaction's deltas (<see cref="CountDeltas"/>).</summary>
    public void Apply(DailyPairDelta delta)
    {
        // Pairs are numbered first: a bulk load (COPY) holds the connection until it ends.
        var ids = new Dictionary<PairKey, long>();
        foreach (var (key, _, _) in delta.Changes)
        {
            ids.TryAdd(key, pairs.IdOf(key));
        }

        if (ids.Count == 0)
        {
            return;
        }

        CountDeltas.Apply(store, StagedDeltas, keyColumns: 2, Statements, delta.Changes,
            change => Row(ids[change.Pair], change.Day, change.Counts),
            change => change.Counts.Received < 0 || change.Counts.Resolved < 0);
    }

    /// <summary>
    /// Writes kpi_daily_pair again from kpi_dossier_fact, by the engine, in the open transaction: what a first ingest does
    /// once at its end instead of a delta per (day, pair) per transaction. Each fact carries its pair's number. Both
    /// statements cover the whole store, so they run without the connection's command timeout.
    /// </summary>
    public void RebuildFromFacts()
    {
        store.WriteUnbounded(store.Dialect.Sql("DeleteDailyPairs"));
        store.WriteUnbounded(store.Dialect.Resolve(RebuildStatement));
    }

    // Composed here rather than kept in a .sql file: the sum of each count comes from DayCountRules, the rule the C# deltas
    // follow too (DossierFact's contributions), so that the two paths cannot drift. A fact counts on its received day and,
    // when it differs, on its resolved day; resolved the day it was received, it counts once with both.
    /// <summary>The statement that writes kpi_daily_pair from kpi_dossier_fact, with <c>{schema}.</c> still to name.</summary>
    public static string RebuildStatement => RebuildSql.Value;

    private static readonly Lazy<string> RebuildSql = new(() => $"""
        INSERT INTO {"{schema}"}.kpi_daily_pair (day, pair_id, {string.Join(", ", DayCounts.Columns)})
        SELECT c.day, c.pair_id,
               {DayCountRules.SqlSums()}
        FROM (
            SELECT received_day AS day, pair_id, traits, 1 AS on_received,
                   CASE WHEN resolved_day = received_day THEN 1 ELSE 0 END AS on_resolved
            FROM {"{schema}"}.kpi_dossier_fact
            WHERE received_day IS NOT NULL
            UNION ALL
            SELECT resolved_day, pair_id, traits, 0, 1
            FROM {"{schema}"}.kpi_dossier_fact
            WHERE resolved_day IS NOT NULL AND (received_day IS NULL OR received_day <> resolved_day)
        ) c
        GROUP BY c.day, c.pair_id
        """);

    private static object?[] Row(long pairId, DateOnly day, DayCounts counts)
    {
        var row = new object?[2 + DayCounts.Count];
        row[0] = day;
        row[1] = pairId;
        for (var i = 0; i < DayCounts.Count; i++)
        {
            row[2 + i] = counts[i];
        }

        return row;
    }

    /// <summary>
    /// The rows of [from, to], streamed in day order: what a walk over the period sums needs. The caller ends the
    /// stream before writing: Npgsql and SqlClient allow one open reader per connection, and on SQLite an open reader
    /// pins the snapshot a later BEGIN IMMEDIATE would need to move past.
    /// </summary>
    public IEnumerable<(DateOnly Day, PairKey Pair, DayCounts Counts)> Read(DateOnly from, DateOnly to)
    {
        pairs.Load();
        using var rows = store.Rows("ReadDailyPairs", ("from", store.Dialect.Day(from)), ("to", store.Dialect.Day(to)));
        object? dayValue = null;
        var day = default(DateOnly);
        while (rows.Read())
        {
            // Rows come in day order: the day is converted once per day, not once per row.
            var value = rows.Value(0);
            if (!value.Equals(dayValue))
            {
                dayValue = value;
                day = StoreValue.Day(value);
            }

            yield return (day, pairs.KeyOf(rows.Number(1)), Counts(rows, first: 2));
        }
    }

    /// <summary>
    /// The counts of [<paramref name="from"/>, <paramref name="to"/>] per pair, summed by the engine: one row per pair
    /// instead of one per pair and day, for a period's sums at its end without walking its days.
    /// </summary>
    public Dictionary<PairKey, DayCounts> Sum(DateOnly from, DateOnly to)
    {
        pairs.Load();
        using var rows = store.Rows("SumDailyPairs", ("from", store.Dialect.Day(from)), ("to", store.Dialect.Day(to)));
        var sums = new Dictionary<PairKey, DayCounts>();
        while (rows.Read())
        {
            sums[pairs.KeyOf(rows.Number(0))] = Counts(rows, first: 1);
        }

        return sums;
    }

    /// <summary>The counts, in <see cref="DayCounts.Columns"/>' order from ordinal <paramref name="first"/>.</summary>
    private static DayCounts Counts(StoreRows rows, int first)
    {
        var counts = new DayCounts();
        for (var i = 0; i < DayCounts.Count; i++)
        {
            counts[i] = rows.Number(first + i);
        }

        return counts;
    }

    /// <summary>The pairs with at least one online dossier received in [from, to]: indicator 6's numerator.</summary>
    public HashSet<PairKey> PairsWithOnlineDossier(DateOnly from, DateOnly to) => Pairs("PairsUsedOnline", from, to);

    /// <summary>The pairs with at least one dossier received in [from, to] and paid online: indicator 7's numerator.</summary>
    public HashSet<PairKey> PairsWithOnlinePayment(DateOnly from, DateOnly to) => Pairs("PairsPaidOnline", from, to);

    private HashSet<PairKey> Pairs(string statement, DateOnly from, DateOnly to) =>
        [.. store.Query<long>(store.Dialect.Sql(statement), new { from = store.Dialect.Day(from), to = store.Dialect.Day(to) })
            .Select(pairs.KeyOf)];
}
