-- A first ingest's read: every dossier, in the order the source stores them, in one statement (one snapshot of
-- the file). No ORDER BY: the keyset order would walk the updated_at index with a lookup per row, several times
-- the cost of this scan.
-- The last line of the select list holds the optional columns (scorecard.md): the reader puts NULL in place of
-- each one the view lacks (SourceRows.WithOptionalColumns).
SELECT dossier_id, dossier_code, unit_id, procedure_code, channel, status, received_at, due_at, resolved_at,
       fee_amount, paid_online, digitized, e_result, reused_data, updated_at,
       synced_to_portal, complaint_or_dislike, from_personal_storage, citizen_data_used
FROM src_dossier
