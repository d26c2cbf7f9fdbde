SELECT f.dossier_id, f.unit_id, f.procedure_code, f.received_day, f.resolved_day, f.traits, f.updated_at, f.due_day
FROM {schema}.kpi_dossier_fact AS f
JOIN {temp}kpi_stage_id AS s ON s.dossier_id = f.dossier_id
