SELECT dossier_id FROM {schema}.kpi_dossier_fact WHERE unit_id IN @units
