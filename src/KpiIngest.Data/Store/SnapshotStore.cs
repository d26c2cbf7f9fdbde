using Dapper;
using KpiIngest.Core.Indicators;
using KpiIngest.Core.Periods;
using KpiIngest.Core.Snapshots;
using Microsoft.Data.Sqlite;

namespace KpiIngest.Data.Store;

/// <summary>kpi_snapshot: each snapshot date is replaced whole in one transaction, so a reader never sees half a date.</summary>
public sealed class SnapshotStore(SqliteConnection connection)
{
    /// <summary>Replaces every row of <paramref name="snapshotDate"/> with <paramref name="rows"/>; returns the count written.</summary>
    public int Replace(DateOnly snapshotDate, IReadOnlyList<SnapshotRow> rows, DateTimeOffset computedAt, SqliteTransaction transaction)
    {
        var date = StoreFormat.Day(snapshotDate);
        connection.Execute("DELETE FROM kpi_snapshot WHERE snapshot_date = @date", new { date }, transaction);

        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO kpi_snapshot (snapshot_date, period, period_start, scope, scope_id, level, indicator,
                                      numerator, denominator, ratio, target, met, is_final, computed_at)
            VALUES (@date, @period, @start, @scope, @scopeId, @level, @indicator, @n, @d, @ratio, @target, @met, @final, @at)
            """;
        insert.Parameters.AddWithValue("@date", date);
        insert.Parameters.AddWithValue("@at", StoreFormat.Utc(computedAt));
        var period = insert.Parameters.Add("@period", SqliteType.Text);
        var start = insert.Parameters.Add("@start", SqliteType.Text);
        var scope = insert.Parameters.Add("@scope", SqliteType.Text);
        var scopeId = insert.Parameters.Add("@scopeId", SqliteType.Text);
        var level = insert.Parameters.Add("@level", SqliteType.Integer);
        var indicator = insert.Parameters.Add("@indicator", SqliteType.Text);
        var numerator = insert.Parameters.Add("@n", SqliteType.Integer);
        var denominator = insert.Parameters.Add("@d", SqliteType.Integer);
        var ratio = insert.Parameters.Add("@ratio", SqliteType.Real);
        var target = insert.Parameters.Add("@target", SqliteType.Real);
        var met = insert.Parameters.Add("@met", SqliteType.Integer);
        var final = insert.Parameters.Add("@final", SqliteType.Integer);
        insert.Prepare();
        foreach (var row in rows)
        {
            period.Value = row.Period.Text();
            start.Value = StoreFormat.Day(row.PeriodStart);
            scope.Value = row.Scope.Text();
            scopeId.Value = row.ScopeId;
            level.Value = (object?)row.Level ?? DBNull.Value;
            indicator.Value = row.Indicator.Text();
            numerator.Value = row.Numerator;
            denominator.Value = row.Denominator;
            ratio.Value = (object?)row.Ratio ?? DBNull.Value;
            target.Value = (object?)row.Target ?? DBNull.Value;
            met.Value = row.Met is { } m ? (m ? 1 : 0) : DBNull.Value;
            final.Value = row.IsFinal ? 1 : 0;
            insert.ExecuteNonQuery();
        }

        return rows.Count;
    }

    /// <summary>The snapshot dates already written within [from, to].</summary>
    public IReadOnlyList<DateOnly> ExistingDates(DateOnly from, DateOnly to) =>
        [.. connection.Query<string>(
                "SELECT DISTINCT snapshot_date FROM kpi_snapshot WHERE snapshot_date >= @from AND snapshot_date <= @to ORDER BY snapshot_date",
                new { from = StoreFormat.Day(from), to = StoreFormat.Day(to) })
            .Select(StoreFormat.ParseDay)];

    public DateOnly? LatestDate() =>
        StoreFormat.ParseNullableDay(connection.ExecuteScalar<string?>("SELECT MAX(snapshot_date) FROM kpi_snapshot"));

    /// <summary>
    /// Every row of one period (kind and start), ordered by series then date: what the alert fold walks.
    /// The date range lets the primary key serve the scan.
    /// </summary>
    public IEnumerable<SnapshotRow> ReadPeriod(PeriodKind period, DateOnly periodStart, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT snapshot_date, scope, scope_id, level, indicator, numerator, denominator,
                   CAST(ratio AS REAL), CAST(target AS REAL), met, is_final
            FROM kpi_snapshot
            WHERE snapshot_date >= @start AND snapshot_date <= @end AND period = @period AND period_start = @start
            ORDER BY scope, scope_id, indicator, snapshot_date
            """;
        command.Parameters.AddWithValue("@start", StoreFormat.Day(periodStart));
        command.Parameters.AddWithValue("@end", StoreFormat.Day(period.End(periodStart)));
        command.Parameters.AddWithValue("@period", period.Text());
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return new SnapshotRow(
                StoreFormat.ParseDay(reader.GetString(0)),
                period,
                periodStart,
                ScopeKinds.Parse(reader.GetString(1)),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetInt32(3),
                Indicators.Parse(reader.GetString(4)),
                reader.GetInt64(5),
                reader.GetInt64(6),
                reader.IsDBNull(7) ? null : (decimal)reader.GetDouble(7),
                reader.IsDBNull(8) ? null : (decimal)reader.GetDouble(8),
                reader.IsDBNull(9) ? null : reader.GetInt64(9) == 1,
                reader.GetInt64(10) == 1);
        }
    }

    /// <summary>The ratios of one series (period kind, scope, indicator) over its last <paramref name="count"/> snapshot dates, oldest first.</summary>
    public IReadOnlyList<decimal?> Trend(PeriodKind period, ScopeKind scope, string scopeId, IndicatorCode indicator, DateOnly upTo, int count)
    {
        // The last dates first (a walk down the key), then one key lookup per date.
        var dates = connection.Query<string>(
            "SELECT DISTINCT snapshot_date FROM kpi_snapshot WHERE snapshot_date <= @upTo ORDER BY snapshot_date DESC LIMIT @count",
            new { upTo = StoreFormat.Day(upTo), count }).ToList();
        var ratios = connection.Query<(string Date, double? Ratio)>(
                """
                SELECT snapshot_date, CAST(ratio AS REAL) FROM kpi_snapshot
                WHERE snapshot_date IN @dates AND period = @period AND scope = @scope AND scope_id = @scopeId AND indicator = @indicator
                """,
                new { dates, period = period.Text(), scope = scope.Text(), scopeId, indicator = indicator.Text() })
            .ToDictionary(r => r.Date, r => r.Ratio);
        return [.. dates.AsEnumerable().Reverse().Select(d => ratios.TryGetValue(d, out var r) && r is not null ? (decimal?)r.Value : null)];
    }

    /// <summary>Rows of one date and period for reports, with the unit's name, PROVINCE then LEVEL then UNIT.</summary>
    public IReadOnlyList<ReportRow> Query(DateOnly snapshotDate, PeriodKind period, ScopeKind? scope) =>
        [.. connection.Query<ReportRow>(
            """
            SELECT s.snapshot_date AS SnapshotDate, s.period AS Period, s.period_start AS PeriodStart, s.scope AS Scope,
                   s.scope_id AS ScopeId, u.name AS ScopeName, s.level AS Level, s.indicator AS Indicator,
                   s.numerator AS Numerator, s.denominator AS Denominator, CAST(s.ratio AS REAL) AS Ratio,
                   CAST(s.target AS REAL) AS Target,
                   s.met AS Met, s.is_final AS IsFinal
            FROM kpi_snapshot AS s
            LEFT JOIN kpi_unit AS u ON s.scope = 'UNIT' AND u.unit_id = s.scope_id
            WHERE s.snapshot_date = @date AND s.period = @period AND (@scope IS NULL OR s.scope = @scope)
            ORDER BY CASE s.scope WHEN 'PROVINCE' THEN 0 WHEN 'LEVEL' THEN 1 ELSE 2 END, s.scope_id,
                     (SELECT number FROM kpi_indicator AS i WHERE i.code = s.indicator)
            """,
            new { date = StoreFormat.Day(snapshotDate), period = period.Text(), scope = scope?.Text() })];
}

/// <summary>A snapshot row as reports print it (store columns plus the unit's name).</summary>
public sealed class ReportRow
{
    public string SnapshotDate { get; init; } = "";
    public string Period { get; init; } = "";
    public string PeriodStart { get; init; } = "";
    public string Scope { get; init; } = "";
    public string ScopeId { get; init; } = "";
    public string? ScopeName { get; init; }
    public long? Level { get; init; }
    public string Indicator { get; init; } = "";
    public long Numerator { get; init; }
    public long Denominator { get; init; }
    public decimal? Ratio { get; init; }
    public decimal? Target { get; init; }
    public bool? Met { get; init; }
    public bool IsFinal { get; init; }
}
