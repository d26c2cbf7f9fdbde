-- The contract relations' columns and their types, tables and views alike. INFORMATION_SCHEMA lists only
-- what the connecting login may use, so a login without SELECT on a view sees it as missing.
SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE
FROM INFORMATION_SCHEMA.COLUMNS
WHERE TABLE_SCHEMA = @schema
  AND TABLE_NAME IN (N'src_unit', N'src_procedure', N'src_dossier');

-- Reads by key use OPENJSON, which needs compatibility level 130 (SQL Server 2016) or later. A database
-- can always see its own row of sys.databases.
SELECT compatibility_level
FROM sys.databases
WHERE database_id = DB_ID();
