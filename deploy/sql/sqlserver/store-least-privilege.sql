-- Least privilege for KpiIngest's store on SQL Server: the login kpi_store owns the store schema kpi
-- (Store:ConnectionString, Store:Schema), where `kpi-ingest migrate` creates every store table and view:
-- CREATE TABLE and CREATE VIEW in the database, usable only in the schema it owns. It owns nothing else.
-- (Where the service login may not create anything and a DBA applies `migrate --script`, use
-- store-service-grants.sql instead.)
--
-- Run it in the STORE database: sqlcmd's -d names it, and the user and the schema are created in whichever
-- database the script runs in (the source's least-privilege.sql runs in the source database). When source and
-- store are one database, run both scripts there. Passwords never belong in this file:
--   sqlcmd -S host -d kpi -C -b -i store-least-privilege.sql -v KpiStorePassword="..."
-- Run as a member of sysadmin, or of securityadmin plus db_owner.
--
-- Re-runnable: the login, the user and the schema are created only when missing; grants repeat harmlessly.

DECLARE @password nvarchar(128) = N'$(KpiStorePassword)';
IF @password = N'' OR LEFT(@password, 2) = N'$' + N'('
    THROW 50000, N'Give the store login''s password as the sqlcmd variable KpiStorePassword.', 1;

IF SUSER_ID(N'kpi_store') IS NULL
BEGIN
    DECLARE @create_login nvarchar(max) = N'CREATE LOGIN kpi_store WITH PASSWORD = ' + QUOTENAME(@password, N'''')
        + N', CHECK_POLICY = ON, DEFAULT_DATABASE = ' + QUOTENAME(DB_NAME()) + N';';
    EXEC sys.sp_executesql @create_login;
END;

IF DATABASE_PRINCIPAL_ID(N'kpi_store') IS NULL
    CREATE USER kpi_store FOR LOGIN kpi_store WITH DEFAULT_SCHEMA = kpi;

-- CREATE SCHEMA must open its batch; EXEC gives it one of its own inside the IF.
IF SCHEMA_ID(N'kpi') IS NULL
    EXEC (N'CREATE SCHEMA kpi AUTHORIZATION kpi_store;');

GRANT CREATE TABLE, CREATE VIEW TO kpi_store;
GO
