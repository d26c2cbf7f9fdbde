-- The full key set for reconciliation, in the order the merge compares keys (string.CompareOrdinal).
-- COLLATE "C" orders by UTF-8 bytes, which is code point order and equals UTF-16 ordinal order for every
-- character of the Basic Multilingual Plane; the database's own collation (vi-VN, en-US) would not.
SELECT dossier_id, updated_at
FROM {schema}.src_dossier
WHERE dossier_id IS NOT NULL
ORDER BY dossier_id COLLATE "C"
