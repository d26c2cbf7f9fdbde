DELETE FROM {schema}.kpi_dossier_fact WHERE dossier_id IN (SELECT dossier_id FROM {temp}kpi_stage_id)
