INSERT INTO {schema}.kpi_pair (unit_id, procedure_code) OUTPUT inserted.pair_id VALUES (@unit, @procedure)
