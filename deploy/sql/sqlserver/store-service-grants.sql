-- A DML-only service login for a store on SQL Server whose migrations a DBA applies: the login kpi_service
-- reads and writes the store's tables in schema kpi and may create nothing. Use it instead of
-- store-least-privilege.sql where policy forbids DDL rights to a service: the DBA writes the pending
-- migrations with `kpi-ingest migrate --script pending.sql` (which changes nothing), reviews them and runs them
-- with sqlcmd -b, at install and after each upgrade, before the service starts.
--
-- Run it in the STORE database (sqlcmd's -d names it), as a member of sysadmin, or of securityadmin plus
-- db_owner; run the DBA's migration scripts as db_owner of that database. Passwords never belong in this file:
--   sqlcmd -S host -d kpi -C -b -i store-service-grants.sql -v KpiServicePassword="..."
-- The schema kpi is created (owned by dbo) when missing, so this script may come before the first migration.
--
-- Re-runnable: the login, the user and the schema are created only when missing; grants repeat harmlessly.

DECLARE @password nvarchar(128) = N'$(KpiServicePassword)';
IF @password = N'' OR LEFT(@password, 2) = N'$' + N'('
    THROW 50000, N'Give the service login''s password as the sqlcmd variable KpiServicePassword.', 1;

IF SUSER_ID(N'kpi_service') IS NULL
BEGIN
    DECLARE @create_login nvarchar(max) = N'CREATE LOGIN kpi_service WITH PASSWORD = ' + QUOTENAME(@password, N'''')
        + N', CHECK_POLICY = ON, DEFAULT_DATABASE = ' + QUOTENAME(DB_NAME()) + N';';
    EXEC sys.sp_executesql @create_login;
END;

IF DATABASE_PRINCIPAL_ID(N'kpi_service') IS NULL
    CREATE USER kpi_service FOR LOGIN kpi_service WITH DEFAULT_SCHEMA = kpi;

-- CREATE SCHEMA must open its batch; EXEC gives it one of its own inside the IF.
IF SCHEMA_ID(N'kpi') IS NULL
    EXEC (N'CREATE SCHEMA kpi AUTHORIZATION dbo;');

-- Granted on the schema, so the tables and views later migrations add are covered without another grant. Bulk
-- loads (SqlBulkCopy, with constraints checked, into tables without triggers) need INSERT only; the staging
-- tables are the session's own temporary tables, which need no grant.
GRANT SELECT, INSERT, UPDATE, DELETE ON SCHEMA::kpi TO kpi_service;
GO
