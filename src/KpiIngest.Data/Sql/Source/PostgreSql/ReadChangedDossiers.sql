-- First keyset page of dossiers changed since the watermark minus the overlap. @from is typed like the
-- updated_at column (timestamp, timestamptz or date), so the range is served by an index on updated_at.
SELECT dossier_id, dossier_code, unit_id, procedure_code, channel, status, received_at, due_at, resolved_at,
       fee_amount, paid_online, digitized, e_result, reused_data, updated_at,
       {optional_dossier_columns}
FROM {schema}.src_dossier
WHERE updated_at >= @from
ORDER BY updated_at, dossier_id
LIMIT @limit
