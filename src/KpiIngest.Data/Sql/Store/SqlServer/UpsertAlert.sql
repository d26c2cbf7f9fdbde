-- notified_at is cleared when a new event is to be mailed, kept otherwise. OUTPUT goes INTO a table variable, then
-- is selected: a bare OUTPUT fails on a table with an enabled trigger (error 334).
DECLARE @upserted TABLE (alert_id bigint NOT NULL);
MERGE {schema}.kpi_alert WITH (HOLDLOCK) AS t
USING (SELECT @Indicator AS indicator, @Period AS period, @PeriodStart AS period_start, @Scope AS scope,
              @ScopeId AS scope_id) AS k
   ON t.indicator = k.indicator AND t.scope = k.scope AND t.scope_id = k.scope_id
  AND t.period = k.period AND t.period_start = k.period_start
WHEN MATCHED THEN UPDATE SET
    level = @Level, status = @Status, severity = @Severity, ratio = @Ratio, target = @Target, gap = @Gap,
    numerator = @Numerator, denominator = @Denominator, shortfall = @Shortfall, opened_on = @OpenedOn,
    last_seen_on = @LastSeenOn, closed_on = @ClosedOn,
    notified_at = CASE WHEN @clearNotified = 1 THEN NULL ELSE t.notified_at END,
    last_event = @LastEvent, last_event_on = @LastEventOn
WHEN NOT MATCHED THEN INSERT (indicator, period, period_start, scope, scope_id, level, status, severity, ratio, target, gap,
                              numerator, denominator, shortfall, opened_on, last_seen_on, closed_on, notified_at,
                              last_event, last_event_on)
    VALUES (@Indicator, @Period, @PeriodStart, @Scope, @ScopeId, @Level, @Status, @Severity, @Ratio, @Target, @Gap,
            @Numerator, @Denominator, @Shortfall, @OpenedOn, @LastSeenOn, @ClosedOn, NULL, @LastEvent, @LastEventOn)
OUTPUT inserted.alert_id INTO @upserted (alert_id);
SELECT alert_id FROM @upserted;
