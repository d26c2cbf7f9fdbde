using KpiIngest.Core.Indicators;
using KpiIngest.Core.Periods;
using KpiIngest.Core.Snapshots;
using KpiIngest.Data.Store.Dialects;

namespace KpiIngest.Data.Store;

/// <summary>kpi_snapshot: each snapshot date is replaced whole in one transaction, so a reader never sees half a date.</summary>
public sealed class SnapshotStore(StoreCommands store)
{
    private static readonly IReadOnlyList<StoreColumn> Columns =
    [
        new("snapshot_date", StoreType.Day), new("period", StoreType.Text), new("period_start", StoreType.Day),
        new("scope", StoreType.Text), new("scope_id", StoreType.Text), new("level", StoreType.SmallNumber),
        new("indicator", StoreType.Text), new("numerator", StoreType.Count), new("denominator", StoreType.Count),
        new("ratio", StoreType.Percentage), new("target", StoreType.Percentage), new("met", StoreType.Flag),
        new("is_final", StoreType.Flag), new("computed_at", StoreType.Utc),
    ];

    /// <summary>Replaces every row of <paramref name="snapshotDate"/> with <paramref name="rows"/>; returns the count written.</summary>
    public int Replace(DateOnly snapshotDate, IReadOnlyList<SnapshotRow> rows, DateTimeOffset computedAt)
    {
        store.Write(store.Dialect.Sql("DeleteSnapshotDate"), new { date = store.Dialect.Day(snapshotDate) });
        store.Dialect.BulkInsert(store.Connection, store.RequireTransaction(), store.Dialect.Resolve("{schema}.kpi_snapshot"), Columns, rows.Select(row => new object?[]
        {
            snapshotDate, row.Period.Text(), row.PeriodStart, row.Scope.Text(), row.ScopeId, row.Level, row.Indicator.Text(),
            row.Numerator, row.Denominator, row.Ratio, row.Target, row.Met, row.IsFinal, computedAt,
        }));
        return rows.Count;
    }

    /// <summary>The snapshot dates already written within [from, to].</summary>
    public IReadOnlyList<DateOnly> ExistingDates(DateOnly from, DateOnly to) =>
        [.. store.Column(store.Dialect.Sql("SnapshotDatesBetween"), new { from = store.Dialect.Day(from), to = store.Dialect.Day(to) })
            .Select(StoreValue.Day)];

    public DateOnly? LatestDate() => StoreValue.NullableDay(store.Scalar(store.Dialect.Sql("LatestSnapshotDate")));

    /// <summary>Every row of one period (kind and start), ordered by series then date: what the alert fold walks.</summary>
    public IEnumerable<SnapshotRow> ReadPeriod(PeriodKind period, DateOnly periodStart)
    {
        using var reader = store.Reader(
            store.Dialect.Sql("ReadSnapshotPeriod"),
            new { start = store.Dialect.Day(periodStart), end = store.Dialect.Day(period.End(periodStart)), period = period.Text() });
        while (reader.Read())
        {
            yield return new SnapshotRow(
                StoreValue.Day(reader.GetValue(0)),
                period,
                periodStart,
                ScopeKinds.Parse(reader.GetString(1)),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : (int)StoreValue.Number(reader.GetValue(3)),
                IndicatorCatalog.Parse(reader.GetString(4)),
                reader.GetInt64(5),
                reader.GetInt64(6),
                StoreValue.Percentage(reader.GetValue(7)),
                StoreValue.Percentage(reader.GetValue(8)),
                StoreValue.NullableBool(reader.GetValue(9)),
                StoreValue.Bool(reader.GetValue(10)));
        }
    }

    /// <summary>The ratios of one series (period kind, scope, indicator) over its last <paramref name="count"/> snapshot dates, oldest first.</summary>
    public IReadOnlyList<decimal?> Trend(PeriodKind period, ScopeKind scope, string scopeId, IndicatorCode indicator, DateOnly upTo, int count)
    {
        // The last dates first (a walk down the key), then the series' rows over just those dates.
        var dates = store.Column(store.Dialect.Sql("LastSnapshotDates"), new { upTo = store.Dialect.Day(upTo), count })
            .Select(StoreValue.Day).Reverse().ToList();
        if (dates.Count == 0)
        {
            return [];
        }

        var ratios = Series(period, scope, scopeId, indicator, dates[0], upTo).ToDictionary(d => d.Day, d => d.Ratio);
        return [.. dates.Select(d => ratios.GetValueOrDefault(d))];
    }

    /// <summary>
    /// One series (period kind, scope, indicator) over the snapshot dates within [from, to], oldest first, with each
    /// date's target: what a trend chart draws. Dates without a row are absent (the caller decides what a gap is).
    /// </summary>
    public IReadOnlyList<SeriesDay> Series(PeriodKind period, ScopeKind scope, string scopeId, IndicatorCode indicator, DateOnly from, DateOnly to)
    {
        var days = new List<SeriesDay>();
        using var reader = store.Reader(
            store.Dialect.Sql("SeriesRatios"),
            new
            {
                from = store.Dialect.Day(from),
                upTo = store.Dialect.Day(to),
                period = period.Text(),
                scope = scope.Text(),
                scopeId,
                indicator = indicator.Text(),
            });
        while (reader.Read())
        {
            days.Add(new SeriesDay(StoreValue.Day(reader.GetValue(0)), StoreValue.Percentage(reader.GetValue(1)), StoreValue.Percentage(reader.GetValue(2))));
        }

        return days;
    }

    /// <summary>Rows of one date and period for reports, with the unit's name, PROVINCE then LEVEL then UNIT.</summary>
    public IReadOnlyList<ReportRow> Query(DateOnly snapshotDate, PeriodKind period, ScopeKind? scope) =>
        [.. store.Query<StoredReportRow>(
                store.Dialect.Sql("ReportSnapshotRows"),
                new { date = store.Dialect.Day(snapshotDate), period = period.Text(), scope = scope?.Text() })
            .Select(r => r.ToReportRow())];

    /// <summary>A report row as the engine returns it: dates, booleans and ratios in the engine's own types.</summary>
    private sealed class StoredReportRow : StoredScopedRow
    {
        public string Indicator { get; init; } = "";
        public long Numerator { get; init; }
        public long Denominator { get; init; }
        public object? Ratio { get; init; }
        public object? Target { get; init; }
        public object? Met { get; init; }
        public object IsFinal { get; init; } = false;

        public ReportRow ToReportRow() => new(this)
        {
            Indicator = Indicator,
            Numerator = Numerator,
            Denominator = Denominator,
            Ratio = StoreValue.Percentage(Ratio),
            Target = StoreValue.Percentage(Target),
            Met = StoreValue.NullableBool(Met),
            IsFinal = StoreValue.Bool(IsFinal),
        };
    }
}

/// <summary>One snapshot date of a series: its ratio (null: no data, D = 0) and its target (null: none set).</summary>
public sealed record SeriesDay(DateOnly Day, decimal? Ratio, decimal? Target);

/// <summary>
/// The columns every row a report prints begins with, snapshot rows and scorecard rows alike: the date, the period and the
/// scope (with the unit's name); dates as yyyy-MM-dd.
/// </summary>
public abstract class ScopedReportRow
{
    private protected ScopedReportRow(StoredScopedRow stored)
    {
        SnapshotDate = StoreFormat.Day(StoreValue.Day(stored.SnapshotDate));
        Period = stored.Period;
        PeriodStart = StoreFormat.Day(StoreValue.Day(stored.PeriodStart));
        Scope = stored.Scope;
        ScopeId = stored.ScopeId;
        ScopeName = stored.ScopeName;
        Level = StoreValue.IsNull(stored.Level) ? null : StoreValue.Number(stored.Level!);
    }

    public string SnapshotDate { get; init; } = "";
    public string Period { get; init; } = "";
    public string PeriodStart { get; init; } = "";
    public string Scope { get; init; } = "";
    public string ScopeId { get; init; } = "";
    public string? ScopeName { get; init; }
    public long? Level { get; init; }
}

/// <summary><see cref="ScopedReportRow"/>'s columns as the engine returns them: dates and the level in the engine's own types.</summary>
internal abstract class StoredScopedRow
{
    public object SnapshotDate { get; init; } = "";
    public string Period { get; init; } = "";
    public object PeriodStart { get; init; } = "";
    public string Scope { get; init; } = "";
    public string ScopeId { get; init; } = "";
    public string? ScopeName { get; init; }
    public object? Level { get; init; }
}

/// <summary>A snapshot row as reports print it (store columns plus the unit's name).</summary>
public sealed class ReportRow : ScopedReportRow
{
    internal ReportRow(StoredScopedRow stored)
        : base(stored)
    {
    }

    public string Indicator { get; init; } = "";
    public long Numerator { get; init; }
    public long Denominator { get; init; }
    public decimal? Ratio { get; init; }
    public decimal? Target { get; init; }
    public bool? Met { get; init; }
    public bool IsFinal { get; init; }
}
