DELETE FROM {schema}.kpi_catalog
