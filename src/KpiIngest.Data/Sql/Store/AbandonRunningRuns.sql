-- A run still RUNNING when a new one starts was cut off (crash, kill): safe to say so only under the run lease.
UPDATE {schema}.kpi_run SET status = 'ABANDONED', finished_at = @at,
       error = COALESCE(error, 'found RUNNING by a later run: the process stopped before recording its end')
WHERE status = 'RUNNING'
