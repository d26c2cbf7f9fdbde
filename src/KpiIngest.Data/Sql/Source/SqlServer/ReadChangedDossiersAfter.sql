-- Next keyset page, after the last (updated_at, dossier_id) of the previous one. T-SQL has no row-value
-- comparison: the OR spells it out, and the separate range on updated_at is what the index seek uses.
-- The last line of the select list holds the optional columns (scorecard.md): the reader puts NULL in place of
-- each one the view lacks (SourceRows.WithOptionalColumns).
SELECT TOP (@limit)
       dossier_id, dossier_code, unit_id, procedure_code, channel, status, received_at, due_at, resolved_at,
       fee_amount, paid_online, digitized, e_result, reused_data, updated_at,
       synced_to_portal, complaint_or_dislike, from_personal_storage, citizen_data_used
FROM {schema}.src_dossier
WHERE updated_at >= @afterUpdatedAt
  AND (updated_at > @afterUpdatedAt OR (updated_at = @afterUpdatedAt AND dossier_id > @afterId))
ORDER BY updated_at, dossier_id;
