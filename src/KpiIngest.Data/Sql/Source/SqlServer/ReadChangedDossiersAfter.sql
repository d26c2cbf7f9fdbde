-- Next keyset page, after the last (updated_at, dossier_id) of the previous one. T-SQL has no row-value
-- comparison: the OR spells it out, and the separate range on updated_at is what the index seek uses.
SELECT TOP (@limit)
       dossier_id, dossier_code, unit_id, procedure_code, channel, status, received_at, due_at, resolved_at,
       fee_amount, paid_online, digitized, e_result, reused_data, updated_at,
       {optional_dossier_columns}
FROM {schema}.src_dossier
WHERE updated_at >= @afterUpdatedAt
  AND (updated_at > @afterUpdatedAt OR (updated_at = @afterUpdatedAt AND dossier_id > @afterId))
ORDER BY updated_at, dossier_id;
