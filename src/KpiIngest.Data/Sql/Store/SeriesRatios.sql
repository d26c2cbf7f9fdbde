SELECT snapshot_date, ratio, target FROM {schema}.kpi_snapshot
WHERE snapshot_date >= @from AND snapshot_date <= @upTo
  AND period = @period AND scope = @scope AND scope_id = @scopeId AND indicator = @indicator
ORDER BY snapshot_date
