-- The latest SUCCEEDED run of each kind stays: the service derives its make-up runs from it.
DELETE FROM {schema}.kpi_run
WHERE started_at < @from AND status <> 'RUNNING'
  AND run_id NOT IN (SELECT MAX(run_id) FROM {schema}.kpi_run WHERE status = 'SUCCEEDED' GROUP BY kind);
-- The count as a result: a server or session NOCOUNT (a DBA's 'user options') makes the driver's count -1.
SELECT @@ROWCOUNT;
