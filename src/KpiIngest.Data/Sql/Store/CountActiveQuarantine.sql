SELECT COUNT(*) FROM {schema}.kpi_quarantine WHERE relation = @relation AND cleared_at IS NULL
