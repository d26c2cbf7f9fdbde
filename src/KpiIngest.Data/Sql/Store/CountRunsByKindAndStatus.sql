SELECT kind, status, COUNT(*) FROM {schema}.kpi_run GROUP BY kind, status ORDER BY kind, status
