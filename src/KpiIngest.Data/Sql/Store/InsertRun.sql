INSERT INTO {schema}.kpi_run (kind, started_at, finished_at, status, as_of, error)
VALUES (@kind, @startedAt, @finishedAt, @status, @asOf, @error)
RETURNING run_id
