SELECT value FROM {schema}.kpi_state WHERE name = @name
