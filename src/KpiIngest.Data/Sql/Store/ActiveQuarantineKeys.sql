SELECT record_key FROM {schema}.kpi_quarantine WHERE relation = @relation AND cleared_at IS NULL ORDER BY record_key
