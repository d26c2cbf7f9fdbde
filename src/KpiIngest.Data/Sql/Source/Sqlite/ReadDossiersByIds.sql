-- Quarantined or reconciled dossiers read again by key; @ids is a JSON array of dossier ids.
SELECT dossier_id, dossier_code, unit_id, procedure_code, channel, status, received_at, due_at, resolved_at,
       fee_amount, paid_online, digitized, e_result, reused_data, updated_at,
       {optional_dossier_columns}
FROM src_dossier
WHERE dossier_id IN (SELECT value FROM json_each(@ids))
