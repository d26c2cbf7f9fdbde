using KpiIngest.Core.Facts;
using KpiIngest.Core.Source;
using Microsoft.Data.Sqlite;

namespace KpiIngest.Data.Store;

/// <summary>kpi_daily_pair: additive counts per (local day, unit, procedure), changed only by deltas.</summary>
public sealed class DailyPairStore(SqliteConnection connection)
{
    private static readonly string[] Columns =
    [
        "received", "online", "with_fee", "with_fee_paid_online", "digitized", "reused", "paid_online",
        "resolved", "resolved_e_result", "resolved_with_due", "resolved_on_time",
    ];

    public void Apply(DailyPairDelta delta, SqliteTransaction transaction)
    {
        using var upsert = connection.CreateCommand();
        upsert.Transaction = transaction;
        upsert.CommandText = $"""
            INSERT INTO kpi_daily_pair (day, unit_id, procedure_code, {string.Join(", ", Columns)})
            VALUES (@day, @unit, @procedure, {string.Join(", ", Columns.Select(c => "@" + c))})
            ON CONFLICT (day, unit_id, procedure_code) DO UPDATE SET
            {string.Join(",\n", Columns.Select(c => $"{c} = {c} + excluded.{c}"))}
            """;
        var day = upsert.Parameters.Add("@day", SqliteType.Text);
        var unit = upsert.Parameters.Add("@unit", SqliteType.Text);
        var procedure = upsert.Parameters.Add("@procedure", SqliteType.Text);
        var counts = Columns.Select(c => upsert.Parameters.Add("@" + c, SqliteType.Integer)).ToArray();
        upsert.Prepare();

        // A row whose counts all return to zero is removed, so rows exist only where something counted.
        using var prune = connection.CreateCommand();
        prune.Transaction = transaction;
        prune.CommandText = """
            DELETE FROM kpi_daily_pair
            WHERE day = @day AND unit_id = @unit AND procedure_code = @procedure AND received = 0 AND resolved = 0
            """;
        var pruneDay = prune.Parameters.Add("@day", SqliteType.Text);
        var pruneUnit = prune.Parameters.Add("@unit", SqliteType.Text);
        var pruneProcedure = prune.Parameters.Add("@procedure", SqliteType.Text);
        prune.Prepare();

        foreach (var (pair, changeDay, change) in delta.Changes)
        {
            day.Value = StoreFormat.Day(changeDay);
            unit.Value = pair.UnitId;
            procedure.Value = pair.ProcedureCode;
            var values = ToArray(change);
            for (var i = 0; i < counts.Length; i++)
            {
                counts[i].Value = values[i];
            }

            upsert.ExecuteNonQuery();
            if (change.Received < 0 || change.Resolved < 0)
            {
                pruneDay.Value = day.Value;
                pruneUnit.Value = unit.Value;
                pruneProcedure.Value = procedure.Value;
                prune.ExecuteNonQuery();
            }
        }
    }

    /// <summary>The rows of [from, to], streamed in day order: what a walk over the period sums needs.</summary>
    public IEnumerable<(DateOnly Day, PairKey Pair, DayCounts Counts)> Read(DateOnly from, DateOnly to)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT day, unit_id, procedure_code, {string.Join(", ", Columns)}
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
                Received = reader.GetInt64(3),
                Online = reader.GetInt64(4),
                WithFee = reader.GetInt64(5),
                WithFeePaidOnline = reader.GetInt64(6),
                Digitized = reader.GetInt64(7),
                Reused = reader.GetInt64(8),
                PaidOnline = reader.GetInt64(9),
                Resolved = reader.GetInt64(10),
                ResolvedEResult = reader.GetInt64(11),
                ResolvedWithDue = reader.GetInt64(12),
                ResolvedOnTime = reader.GetInt64(13),
            };
            yield return (day, new PairKey(reader.GetString(1), reader.GetString(2)), counts);
        }
    }

    /// <summary>The pairs with at least one online dossier (or one paid online) received in [from, to]: indicators 6 and 7.</summary>
    public HashSet<PairKey> PairsUsedOnline(DateOnly from, DateOnly to, bool payment)
    {
        using var command = connection.CreateCommand();

        // The column is one of two constants chosen here, never text from outside.
        var column = payment ? "paid_online" : "online";
        command.CommandText = $"""
            SELECT unit_id, procedure_code FROM kpi_daily_pair
            WHERE day >= @from AND day <= @to AND {column} > 0
            GROUP BY unit_id, procedure_code
            """;
        command.Parameters.AddWithValue("@from", StoreFormat.Day(from));
        command.Parameters.AddWithValue("@to", StoreFormat.Day(to));
        using var reader = command.ExecuteReader();
        var pairs = new HashSet<PairKey>();
        while (reader.Read())
        {
            pairs.Add(new PairKey(reader.GetString(0), reader.GetString(1)));
        }

        return pairs;
    }

    private static long[] ToArray(in DayCounts c) =>
    [
        c.Received, c.Online, c.WithFee, c.WithFeePaidOnline, c.Digitized, c.Reused, c.PaidOnline,
        c.Resolved, c.ResolvedEResult, c.ResolvedWithDue, c.ResolvedOnTime,
    ];
}
