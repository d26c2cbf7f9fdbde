-- The full key set for reconciliation, in the order the merge compares keys (string.CompareOrdinal): a
-- BIN2 collation compares nvarchar by UTF-16 code unit, exactly as ordinal comparison does, whatever the
-- column's own (often case-insensitive) collation.
SELECT dossier_id, updated_at
FROM {schema}.src_dossier
WHERE dossier_id IS NOT NULL
ORDER BY dossier_id COLLATE Latin1_General_BIN2;
