-- Ordinal order (the id columns' collation is binary on every engine): what reconciliation's merge needs.
SELECT dossier_id, updated_at FROM {schema}.kpi_dossier_fact ORDER BY dossier_id
