UPDATE {schema}.kpi_quarantine SET cleared_at = @at
WHERE relation = @relation AND record_key = @key AND cleared_at IS NULL
