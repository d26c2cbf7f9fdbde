-- An upsert on every engine: the staged dossiers' old facts go, then the staged ones go in (InsertStagedFactsAbsent).
DELETE FROM {schema}.kpi_dossier_fact WHERE dossier_id IN (SELECT dossier_id FROM {temp}kpi_stage_fact)
