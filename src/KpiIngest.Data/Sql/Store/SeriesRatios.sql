SELECT snapshot_date, ratio FROM {schema}.kpi_snapshot
WHERE snapshot_date >= @from AND snapshot_date <= @upTo
  AND period = @period AND scope = @scope AND scope_id = @scopeId AND indicator = @indicator
