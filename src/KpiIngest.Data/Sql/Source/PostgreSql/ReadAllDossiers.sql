-- A first ingest's read: every dossier, in the order the server finds them, in one statement (one snapshot).
-- No ORDER BY: the keyset order would walk the updated_at index with a lookup per row, several times the
-- cost of this scan, or sort the whole view first.
-- The last line of the select list holds the optional columns (scorecard.md): the reader puts NULL in place of
-- each one the view lacks (SourceRows.WithOptionalColumns).
SELECT dossier_id, dossier_code, unit_id, procedure_code, channel, status, received_at, due_at, resolved_at,
       fee_amount, paid_online, digitized, e_result, reused_data, updated_at,
       synced_to_portal, complaint_or_dislike, from_personal_storage, citizen_data_used
FROM {schema}.src_dossier
