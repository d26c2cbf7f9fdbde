-- Quarantined or reconciled dossiers read again by key; @ids is one nvarchar(max) parameter holding a JSON
-- array of ids (a table-valued parameter would need a user-defined type in the source database).
-- The ids come out as nvarchar, the type of the reference schema's keys: a varchar key under a SQL_*
-- collation would be converted and scanned instead of sought.
SELECT dossier_id, dossier_code, unit_id, procedure_code, channel, status, received_at, due_at, resolved_at,
       fee_amount, paid_online, digitized, e_result, reused_data, updated_at
FROM {schema}.src_dossier
WHERE dossier_id IN (SELECT j.id FROM OPENJSON(@ids) WITH (id nvarchar(4000) '$') AS j);
