DELETE FROM {schema}.kpi_indicator
