-- Next keyset page, after the last (updated_at, dossier_id) of the previous one. The row comparison is an
-- index condition on an index over (updated_at, dossier_id), so a page deep inside a run of equal
-- updated_at values does not re-scan the rows before it; the plain range keeps an index on updated_at
-- alone useful too.
-- The last line of the select list holds the optional columns (scorecard.md): the reader puts NULL in place of
-- each one the view lacks (SourceRows.WithOptionalColumns).
SELECT dossier_id, dossier_code, unit_id, procedure_code, channel, status, received_at, due_at, resolved_at,
       fee_amount, paid_online, digitized, e_result, reused_data, updated_at,
       synced_to_portal, complaint_or_dislike, from_personal_storage, citizen_data_used
FROM {schema}.src_dossier
WHERE updated_at >= @afterUpdatedAt
  AND (updated_at, dossier_id) > (@afterUpdatedAt, @afterId)
ORDER BY updated_at, dossier_id
LIMIT @limit
