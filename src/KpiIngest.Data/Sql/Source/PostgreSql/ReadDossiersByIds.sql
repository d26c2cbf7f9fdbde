-- Quarantined or reconciled dossiers read again by key; @ids is one text[] parameter.
SELECT dossier_id, dossier_code, unit_id, procedure_code, channel, status, received_at, due_at, resolved_at,
       fee_amount, paid_online, digitized, e_result, reused_data, updated_at,
       {optional_dossier_columns}
FROM {schema}.src_dossier
WHERE dossier_id = ANY(@ids)
