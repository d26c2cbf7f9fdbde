-- Numbers the staged (unit, procedure) pairs that kpi_pair lacks: before the daily pairs are rebuilt from facts whose
-- pairs the caller knows (a first ingest's scan wrote every fact).
INSERT INTO {schema}.kpi_pair (unit_id, procedure_code)
SELECT s.unit_id, s.procedure_code
FROM {temp}kpi_stage_pair AS s
WHERE NOT EXISTS (SELECT 1 FROM {schema}.kpi_pair AS p WHERE p.unit_id = s.unit_id AND p.procedure_code = s.procedure_code)
