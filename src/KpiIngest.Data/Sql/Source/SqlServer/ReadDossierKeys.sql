-- The full key set for reconciliation, in the order the merge compares keys (string.CompareOrdinal): a
-- BIN2 collation compares nvarchar by UTF-16 code unit, exactly as ordinal comparison does, whatever the
-- column's own (often case-insensitive) collation. A varchar key is cast to nvarchar first: BIN2 would
-- order varchar by its code page's bytes, which is not Unicode order past ASCII (CP1252's 'Š' is 0x8A,
-- before 'À' at 0xC0). The sort is the server's either way (no index is in this order).
SELECT dossier_id, updated_at
FROM {schema}.src_dossier
WHERE dossier_id IS NOT NULL
ORDER BY CAST(dossier_id AS nvarchar(4000)) COLLATE Latin1_General_BIN2;
