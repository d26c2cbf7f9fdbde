-- Quarantined or reconciled dossiers read again by key; @ids is one nvarchar(max) parameter holding a JSON
-- array of ids (a table-valued parameter would need a user-defined type in the source database). OPENJSON's
-- default schema gives one row per element, its text in `value` (nvarchar(max)); the cast to nvarchar(4000)
-- compares like the reference schema's nvarchar keys, so each id is an index seek. (A varchar key under a
-- SQL_* collation would be converted and scanned instead.)
-- The last line of the select list holds the optional columns (scorecard.md): the reader puts NULL in place of
-- each one the view lacks (SourceRows.WithOptionalColumns).
SELECT dossier_id, dossier_code, unit_id, procedure_code, channel, status, received_at, due_at, resolved_at,
       fee_amount, paid_online, digitized, e_result, reused_data, updated_at,
       synced_to_portal, complaint_or_dislike, from_personal_storage, citizen_data_used
FROM {schema}.src_dossier
WHERE dossier_id IN (SELECT CAST(j.value AS nvarchar(4000)) FROM OPENJSON(@ids) AS j);
