-- The date range lets the primary key (snapshot_date first) serve the scan.
SELECT snapshot_date, scope, scope_id, level, indicator, numerator, denominator, ratio, target, met, is_final
FROM {schema}.kpi_snapshot
WHERE snapshot_date >= @start AND snapshot_date <= @end AND period = @period AND period_start = @start
ORDER BY scope, scope_id, indicator, snapshot_date
