-- Quarantined or reconciled dossiers read again by key; @ids is a JSON array of dossier ids.
-- The last line of the select list holds the optional columns (scorecard.md): the reader puts NULL in place of
-- each one the view lacks (SourceRows.WithOptionalColumns).
SELECT dossier_id, dossier_code, unit_id, procedure_code, channel, status, received_at, due_at, resolved_at,
       fee_amount, paid_online, digitized, e_result, reused_data, updated_at,
       synced_to_portal, complaint_or_dislike, from_personal_storage, citizen_data_used
FROM src_dossier
WHERE dossier_id IN (SELECT value FROM json_each(@ids))
