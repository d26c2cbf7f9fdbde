-- OUTPUT INTO a table variable, then selected: a bare OUTPUT fails on a table with an enabled trigger (error 334).
DECLARE @inserted TABLE (pair_id bigint NOT NULL);
INSERT INTO {schema}.kpi_pair (unit_id, procedure_code) OUTPUT inserted.pair_id INTO @inserted (pair_id) VALUES (@unit, @procedure);
SELECT pair_id FROM @inserted;
