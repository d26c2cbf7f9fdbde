-- OUTPUT INTO a table variable, then selected: a bare OUTPUT fails on a table with an enabled trigger (error 334).
DECLARE @inserted TABLE (run_id bigint NOT NULL);
INSERT INTO {schema}.kpi_run (kind, started_at, finished_at, status, as_of, error)
OUTPUT inserted.run_id INTO @inserted (run_id)
VALUES (@kind, @startedAt, @finishedAt, @status, @asOf, @error);
SELECT run_id FROM @inserted;
