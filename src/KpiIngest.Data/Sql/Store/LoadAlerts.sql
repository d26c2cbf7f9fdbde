SELECT alert_id AS AlertId, indicator AS Indicator, period AS Period, period_start AS PeriodStart, scope AS Scope,
       scope_id AS ScopeId, level AS Level, status AS Status, severity AS Severity, ratio AS Ratio, target AS Target,
       gap AS Gap, numerator AS Numerator, denominator AS Denominator, shortfall AS Shortfall, opened_on AS OpenedOn,
       last_seen_on AS LastSeenOn, closed_on AS ClosedOn, notified_at AS NotifiedAt, last_event AS LastEvent,
       last_event_on AS LastEventOn
FROM {schema}.kpi_alert WHERE period = @period AND period_start = @start
