SELECT run_id, kind, status, as_of, started_at, finished_at, error, dossiers_read, dossiers_upserted,
       dossiers_quarantined, snapshots_written
FROM {schema}.kpi_run
WHERE run_id IN (SELECT MAX(run_id) FROM {schema}.kpi_run WHERE status <> 'RUNNING' GROUP BY kind)
ORDER BY kind
