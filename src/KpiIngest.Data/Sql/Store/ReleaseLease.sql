DELETE FROM {schema}.kpi_lease WHERE name = @name AND holder = @holder
