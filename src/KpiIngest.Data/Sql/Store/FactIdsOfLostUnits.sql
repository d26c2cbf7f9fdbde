-- Dossiers counted under a unit kpi_unit no longer holds (gone from src_unit, or quarantined), once kpi_unit has
-- been replaced by this run's units. An anti-join rather than a list of the lost unit ids: a reorganisation can drop
-- thousands of units at once, past SQL Server's 2,100 parameters a statement (and SQLite's 32,766).
SELECT f.dossier_id
FROM {schema}.kpi_dossier_fact AS f
WHERE NOT EXISTS (SELECT 1 FROM {schema}.kpi_unit AS u WHERE u.unit_id = f.unit_id)
