-- Every row with one exact (updated_at, dossier_id): completes a page whose last key has more copies.
SELECT dossier_id, dossier_code, unit_id, procedure_code, channel, status, received_at, due_at, resolved_at,
       fee_amount, paid_online, digitized, e_result, reused_data, updated_at,
       {optional_dossier_columns}
FROM {schema}.src_dossier
WHERE updated_at = @updatedAt AND dossier_id = @dossierId;
