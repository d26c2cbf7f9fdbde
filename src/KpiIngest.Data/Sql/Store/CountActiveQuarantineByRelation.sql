SELECT relation, COUNT(*) FROM {schema}.kpi_quarantine WHERE cleared_at IS NULL GROUP BY relation ORDER BY relation
