INSERT INTO {schema}.kpi_pair (unit_id, procedure_code) VALUES (@unit, @procedure) RETURNING pair_id
