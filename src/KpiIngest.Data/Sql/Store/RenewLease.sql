UPDATE {schema}.kpi_lease SET renewed_at = @at, expires_at = @expires WHERE name = @name AND holder = @holder
