-- First keyset page of dossiers changed since the watermark minus the overlap. @from has the SQL type of
-- the updated_at column (datetime, datetime2, datetimeoffset, ...), so the range is an index seek and no
-- implicit conversion touches the column.
-- The last line of the select list holds the optional columns (scorecard.md): the reader puts NULL in place of
-- each one the view lacks (SourceRows.WithOptionalColumns).
SELECT TOP (@limit)
       dossier_id, dossier_code, unit_id, procedure_code, channel, status, received_at, due_at, resolved_at,
       fee_amount, paid_online, digitized, e_result, reused_data, updated_at,
       synced_to_portal, complaint_or_dislike, from_personal_storage, citizen_data_used
FROM {schema}.src_dossier
WHERE updated_at >= @from
ORDER BY updated_at, dossier_id;
