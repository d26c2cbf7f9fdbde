SELECT COUNT(*) FROM {schema}.kpi_dossier_fact
