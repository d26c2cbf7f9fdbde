INSERT INTO {schema}.kpi_dossier_fact (dossier_id, unit_id, procedure_code, received_day, resolved_day, traits, updated_at, due_day, pair_id)
SELECT s.dossier_id, s.unit_id, s.procedure_code, s.received_day, s.resolved_day, s.traits, s.updated_at, s.due_day, s.pair_id
FROM {temp}kpi_stage_fact AS s
WHERE NOT EXISTS (SELECT 1 FROM {schema}.kpi_dossier_fact AS f WHERE f.dossier_id = s.dossier_id)
