using KpiIngest.Core.Facts;
using KpiIngest.Core.Source;
using Microsoft.Data.Sqlite;

namespace KpiIngest.Data.Store;

/// <summary>
/// kpi_daily_pair: additive counts per (local day, pair), changed only by deltas. Pairs are numbered in
/// kpi_pair so that a year of rows is read with integer keys and no string per row.
/// </summary>
public sealed class DailyPairStore(SqliteConnection connection)
{
    private static readonly string[] Columns =
    [
        "received", "online", "with_fee", "with_fee_paid_online", "digitized", "reused", "paid_online",
        "resolved", "resolved_e_result", "resolved_with_due", "resolved_on_time",
    ];

    // Numbers of the pairs, loaded once per session. A number is added when its row is inserted; if that
    // transaction rolls back the run fails and the session, with this cache, is disposed.
    private Dictionary<PairKey, long>? _ids;
    private Dictionary<long, PairKey>? _keys;

    public void Apply(DailyPairDelta delta, SqliteTransaction transaction)
    {
        using var upsert = connection.CreateCommand();
        upsert.Transaction = transaction;
        upsert.CommandText = $"""
            INSERT INTO kpi_daily_pair (day, pair_id, {string.Join(", ", Columns)})
            VALUES (@day, @pair, {string.Join(", ", Columns.Select(c => "@" + c))})
            ON CONFLICT (day, pair_id) DO UPDATE SET
            {string.Join(",\n", Columns.Select(c => $"{c} = {c} + excluded.{c}"))}
            """;
        var day = upsert.Parameters.Add("@day", SqliteType.Text);
        var pair = upsert.Parameters.Add("@pair", SqliteType.Integer);
        var counts = Columns.Select(c => upsert.Parameters.Add("@" + c, SqliteType.Integer)).ToArray();
        upsert.Prepare();

        // A row whose counts all return to zero is removed, so rows exist only where something counted.
        using var prune = connection.CreateCommand();
        prune.Transaction = transaction;
        prune.CommandText = "DELETE FROM kpi_daily_pair WHERE day = @day AND pair_id = @pair AND received = 0 AND resolved = 0";
        var pruneDay = prune.Parameters.Add("@day", SqliteType.Text);
        var prunePair = prune.Parameters.Add("@pair", SqliteType.Integer);
        prune.Prepare();

        foreach (var (key, changeDay, change) in delta.Changes)
        {
            day.Value = StoreFormat.Day(changeDay);
            pair.Value = IdOf(key, transaction);
            var values = ToArray(change);
            for (var i = 0; i < counts.Length; i++)
            {
                counts[i].Value = values[i];
            }

            upsert.ExecuteNonQuery();
            if (change.Received < 0 || change.Resolved < 0)
            {
                pruneDay.Value = day.Value;
                prunePair.Value = pair.Value;
                prune.ExecuteNonQuery();
            }
        }
    }

    /// <summary>The rows of [from, to], streamed in day order: what a walk over the period sums needs.</summary>
    public IEnumerable<(DateOnly Day, PairKey Pair, DayCounts Counts)> Read(DateOnly from, DateOnly to)
    {
        LoadPairs(null);
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT day, pair_id, {string.Join(", ", Columns)}
            FROM kpi_daily_pair WHERE day >= @from AND day <= @to ORDER BY day
            """;
        command.Parameters.AddWithValue("@from", StoreFormat.Day(from));
        command.Parameters.AddWithValue("@to", StoreFormat.Day(to));
        using var reader = command.ExecuteReader();
        string? dayText = null;
        var day = default(DateOnly);
        while (reader.Read())
        {
            var text = reader.GetString(0);
            if (text != dayText)
            {
                dayText = text;
                day = StoreFormat.ParseDay(text);
            }

            var counts = new DayCounts
            {
                Received = reader.GetInt64(2),
                Online = reader.GetInt64(3),
                WithFee = reader.GetInt64(4),
                WithFeePaidOnline = reader.GetInt64(5),
                Digitized = reader.GetInt64(6),
                Reused = reader.GetInt64(7),
                PaidOnline = reader.GetInt64(8),
                Resolved = reader.GetInt64(9),
                ResolvedEResult = reader.GetInt64(10),
                ResolvedWithDue = reader.GetInt64(11),
                ResolvedOnTime = reader.GetInt64(12),
            };
            yield return (day, _keys![reader.GetInt64(1)], counts);
        }
    }

    /// <summary>The pairs with at least one online dossier (or one paid online) received in [from, to]: indicators 6 and 7.</summary>
    public HashSet<PairKey> PairsUsedOnline(DateOnly from, DateOnly to, bool payment)
    {
        LoadPairs(null);
        using var command = connection.CreateCommand();

        // The column is one of two constants chosen here, never text from outside.
        var column = payment ? "paid_online" : "online";
        command.CommandText = $"SELECT DISTINCT pair_id FROM kpi_daily_pair WHERE day >= @from AND day <= @to AND {column} > 0";
        command.Parameters.AddWithValue("@from", StoreFormat.Day(from));
        command.Parameters.AddWithValue("@to", StoreFormat.Day(to));
        using var reader = command.ExecuteReader();
        var pairs = new HashSet<PairKey>();
        while (reader.Read())
        {
            pairs.Add(_keys![reader.GetInt64(0)]);
        }

        return pairs;
    }

    private long IdOf(PairKey key, SqliteTransaction transaction)
    {
        LoadPairs(transaction);
        if (_ids!.TryGetValue(key, out var id))
        {
            return id;
        }

        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO kpi_pair (unit_id, procedure_code) VALUES (@unit, @procedure) RETURNING pair_id";
        insert.Parameters.AddWithValue("@unit", key.UnitId);
        insert.Parameters.AddWithValue("@procedure", key.ProcedureCode);
        id = (long)insert.ExecuteScalar()!;
        _ids[key] = id;
        _keys![id] = key;
        return id;
    }

    private void LoadPairs(SqliteTransaction? transaction)
    {
        if (_ids is not null)
        {
            return;
        }

        _ids = [];
        _keys = [];
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT pair_id, unit_id, procedure_code FROM kpi_pair";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var key = new PairKey(reader.GetString(1), reader.GetString(2));
            _ids[key] = reader.GetInt64(0);
            _keys[reader.GetInt64(0)] = key;
        }
    }

    private static long[] ToArray(in DayCounts c) =>
    [
        c.Received, c.Online, c.WithFee, c.WithFeePaidOnline, c.Digitized, c.Reused, c.PaidOnline,
        c.Resolved, c.ResolvedEResult, c.ResolvedWithDue, c.ResolvedOnTime,
    ];
}
