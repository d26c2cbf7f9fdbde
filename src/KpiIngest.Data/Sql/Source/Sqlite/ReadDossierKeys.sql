-- The full key set for reconciliation, in the order the store's key scan uses (binary).
SELECT dossier_id, updated_at
FROM src_dossier
WHERE dossier_id IS NOT NULL
ORDER BY dossier_id
