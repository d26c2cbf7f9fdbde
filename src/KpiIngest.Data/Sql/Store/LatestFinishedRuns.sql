SELECT run_id, kind, status, as_of, started_at, finished_at, error, dossiers_read, dossiers_upserted,
       dossiers_quarantined, snapshots_written
FROM {schema}.kpi_run WHERE status <> 'RUNNING' ORDER BY run_id DESC LIMIT @count
