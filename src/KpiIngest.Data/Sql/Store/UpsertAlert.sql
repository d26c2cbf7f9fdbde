-- notified_at is cleared when a new event is to be mailed, kept otherwise.
INSERT INTO {schema}.kpi_alert (indicator, period, period_start, scope, scope_id, level, status, severity, ratio, target, gap,
                                numerator, denominator, shortfall, opened_on, last_seen_on, closed_on, notified_at,
                                last_event, last_event_on)
VALUES (@Indicator, @Period, @PeriodStart, @Scope, @ScopeId, @Level, @Status, @Severity, @Ratio, @Target, @Gap,
        @Numerator, @Denominator, @Shortfall, @OpenedOn, @LastSeenOn, @ClosedOn, NULL, @LastEvent, @LastEventOn)
ON CONFLICT (indicator, scope, scope_id, period, period_start) DO UPDATE SET
    level = excluded.level, status = excluded.status, severity = excluded.severity, ratio = excluded.ratio,
    target = excluded.target, gap = excluded.gap, numerator = excluded.numerator,
    denominator = excluded.denominator, shortfall = excluded.shortfall, opened_on = excluded.opened_on,
    last_seen_on = excluded.last_seen_on, closed_on = excluded.closed_on,
    notified_at = CASE WHEN @clearNotified = 1 THEN NULL ELSE kpi_alert.notified_at END,
    last_event = excluded.last_event, last_event_on = excluded.last_event_on
RETURNING alert_id
