DELETE FROM {schema}.kpi_unit
