DELETE FROM {schema}.kpi_target
