using Dapper;
using KpiIngest.Core.Periods;
using KpiIngest.Core.Snapshots;
using KpiIngest.Data.Store;

namespace KpiIngest.Worker.Reports;

/// <summary>
/// Alerts of one period kind (and scope, when given), largest shortfall first: those open now, or, for a date, those
/// open on that date: of the period containing it, opened on or before it and not closed by then (an alert resolved or
/// missed since is listed; its figures are its latest, the store keeps no other). Read by `report --alerts` and the overview.
/// </summary>
public static class OpenAlerts
{
    public static IReadOnlyList<OpenAlert> Query(StoreSession store, DateOnly? date, PeriodKind period, ScopeKind? scope)
    {
        ArgumentNullException.ThrowIfNull(store);
        var filters = new List<string> { "a.period = @period" };
        var parameters = new DynamicParameters(new { period = period.Text() });
        if (date is { } asOf)
        {
            filters.Add("a.period_start = @start AND a.opened_on <= @asOf AND (a.closed_on IS NULL OR a.closed_on > @asOf)");
            parameters.Add("start", store.Dialect.Day(period.Start(asOf)));
            parameters.Add("asOf", store.Dialect.Day(asOf));
        }
        else
        {
            filters.Add("a.status = 'OPEN'");
        }

        if (scope is { } kind)
        {
            filters.Add("a.scope = @scope");
            parameters.Add("scope", kind.Text());
        }

        return store.Commands.Query<OpenAlert>(
            $"""
            SELECT a.indicator AS Indicator, a.period AS Period, a.period_start AS PeriodStart, a.scope AS Scope,
                   a.scope_id AS ScopeId, u.name AS ScopeName, a.severity AS Severity, a.ratio AS Ratio,
                   a.target AS Target, a.gap AS Gap, a.numerator AS Numerator, a.denominator AS Denominator,
                   a.shortfall AS Shortfall, a.opened_on AS OpenedOn, a.last_seen_on AS LastSeenOn
            FROM kpi_alert AS a
            LEFT JOIN kpi_unit AS u ON a.scope = 'UNIT' AND u.unit_id = a.scope_id
            WHERE {string.Join(" AND ", filters)}
            ORDER BY a.shortfall DESC, a.gap DESC, a.indicator, a.scope, a.scope_id
            """, parameters).ToList();
    }
}

/// <summary>
/// Settable properties rather than a positional record: SQLite returns ratio, target and gap as REAL, and Dapper
/// converts a column to a property's type but needs a constructor's parameter types to match exactly.
/// </summary>
public sealed class OpenAlert
{
    public string Indicator { get; init; } = "";
    public string Period { get; init; } = "";
    public string PeriodStart { get; init; } = "";
    public string Scope { get; init; } = "";
    public string ScopeId { get; init; } = "";
    public string? ScopeName { get; init; }
    public string Severity { get; init; } = "";
    public decimal? Ratio { get; init; }
    public decimal? Target { get; init; }
    public decimal? Gap { get; init; }
    public long Numerator { get; init; }
    public long Denominator { get; init; }
    public long Shortfall { get; init; }
    public string OpenedOn { get; init; } = "";
    public string LastSeenOn { get; init; } = "";
}
