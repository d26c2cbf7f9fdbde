SELECT s.dossier_id FROM {temp}kpi_stage_fact AS s
WHERE EXISTS (SELECT 1 FROM {schema}.kpi_dossier_fact AS f WHERE f.dossier_id = s.dossier_id)
