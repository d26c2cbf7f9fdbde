-- SQLite's row path: one prepared statement per fact; no row affected means the dossier is stored already.
INSERT INTO kpi_dossier_fact (dossier_id, unit_id, procedure_code, received_day, resolved_day, traits, updated_at, due_day, pair_id)
VALUES (@dossier_id, @unit_id, @procedure_code, @received_day, @resolved_day, @traits, @updated_at, @due_day, @pair_id)
ON CONFLICT (dossier_id) DO NOTHING
