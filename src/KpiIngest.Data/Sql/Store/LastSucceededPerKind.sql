SELECT kind, MAX(finished_at) FROM {schema}.kpi_run
WHERE status = 'SUCCEEDED' AND finished_at IS NOT NULL GROUP BY kind ORDER BY kind
