-- The contract relations' columns and their types, tables and views alike. information_schema lists only
-- what the connecting role may use, so a login without SELECT on a view sees it as missing.
SELECT table_name, column_name, data_type
FROM information_schema.columns
WHERE table_schema = @schema
  AND table_name IN ('src_unit', 'src_procedure', 'src_dossier')
