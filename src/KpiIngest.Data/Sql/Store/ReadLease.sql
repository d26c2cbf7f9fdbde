SELECT holder, purpose, acquired_at, expires_at FROM {schema}.kpi_lease WHERE name = @name
