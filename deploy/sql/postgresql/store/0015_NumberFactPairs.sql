-- kpi_dossier_fact.pair_id: the number of the fact's (unit, procedure) pair in kpi_pair, written with every fact from
-- this version on, so that a first ingest's rebuild of kpi_daily_pair groups the facts by an integer instead of joining
-- every contribution to kpi_pair on two strings.
-- The pairs of the facts stored before are numbered first: a first ingest numbered them only at its end, so a store
-- upgraded in the middle of one holds facts whose pair has no number yet.
INSERT INTO {schema}.kpi_pair (unit_id, procedure_code)
SELECT DISTINCT f.unit_id, f.procedure_code
FROM {schema}.kpi_dossier_fact AS f
WHERE NOT EXISTS (SELECT 1 FROM {schema}.kpi_pair AS p WHERE p.unit_id = f.unit_id AND p.procedure_code = f.procedure_code);

ALTER TABLE {schema}.kpi_dossier_fact ADD COLUMN pair_id bigint NULL;

UPDATE {schema}.kpi_dossier_fact AS f
SET pair_id = p.pair_id
FROM {schema}.kpi_pair AS p
WHERE p.unit_id = f.unit_id AND p.procedure_code = f.procedure_code;

ALTER TABLE {schema}.kpi_dossier_fact ALTER COLUMN pair_id SET NOT NULL;
