-- Numbers every (unit, procedure) pair of the facts that kpi_pair lacks: before the daily pairs are rebuilt from the facts.
INSERT INTO {schema}.kpi_pair (unit_id, procedure_code)
SELECT DISTINCT f.unit_id, f.procedure_code
FROM {schema}.kpi_dossier_fact f
WHERE NOT EXISTS (SELECT 1 FROM {schema}.kpi_pair p WHERE p.unit_id = f.unit_id AND p.procedure_code = f.procedure_code)
