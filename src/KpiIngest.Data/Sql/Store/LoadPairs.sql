SELECT pair_id, unit_id, procedure_code FROM {schema}.kpi_pair
