-- First keyset page of dossiers changed since the watermark minus the overlap. @from is typed like the
-- updated_at column (timestamp, timestamptz or date), so the range is served by an index on updated_at.
-- The last line of the select list holds the optional columns (scorecard.md): the reader puts NULL in place of
-- each one the view lacks (SourceRows.WithOptionalColumns).
SELECT dossier_id, dossier_code, unit_id, procedure_code, channel, status, received_at, due_at, resolved_at,
       fee_amount, paid_online, digitized, e_result, reused_data, updated_at,
       synced_to_portal, complaint_or_dislike, from_personal_storage, citizen_data_used
FROM {schema}.src_dossier
WHERE updated_at >= @from
ORDER BY updated_at, dossier_id
LIMIT @limit
