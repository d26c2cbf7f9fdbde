DELETE FROM {schema}.kpi_quarantine WHERE cleared_at IS NOT NULL AND cleared_at < @from
