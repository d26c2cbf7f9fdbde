-- Keyset page of dossiers changed since the watermark minus the overlap: the range on updated_at is what
-- the source's index serves; (updated_at, dossier_id) orders pages so none is skipped or read twice.
-- The last line of the select list holds the optional columns (scorecard.md): the reader puts NULL in place of
-- each one the view lacks (SourceRows.WithOptionalColumns).
SELECT dossier_id, dossier_code, unit_id, procedure_code, channel, status, received_at, due_at, resolved_at,
       fee_amount, paid_online, digitized, e_result, reused_data, updated_at,
       synced_to_portal, complaint_or_dislike, from_personal_storage, citizen_data_used
FROM src_dossier
WHERE updated_at >= @afterUpdatedAt
  AND (updated_at > @afterUpdatedAt OR dossier_id > @afterId OR @first = 1)
ORDER BY updated_at, dossier_id
LIMIT @limit
