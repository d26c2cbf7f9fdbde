INSERT INTO {schema}.kpi_run (kind, started_at, finished_at, status, as_of, error)
OUTPUT inserted.run_id
VALUES (@kind, @startedAt, @finishedAt, @status, @asOf, @error)
