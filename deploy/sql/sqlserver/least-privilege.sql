-- Least privilege for KpiIngest on SQL Server: two logins, each able to do its job and nothing else.
--
--   kpi_source  reads the three contract views (Source:ConnectionString): SELECT on the views, no table
--               access at all (the views reach their tables through ownership chaining, both owned by dbo).
--   kpi_store   owns the store schema kpi (Store:ConnectionString, Store:Schema), where `kpi-ingest migrate`
--               creates every store table and view: CREATE TABLE and CREATE VIEW in the database, usable
--               only in the schema it owns. It owns nothing else.
--
-- Passwords never belong in this file: give them as sqlcmd variables,
--   sqlcmd -S host -d igate -C -i least-privilege.sql -v KpiSourcePassword="..." KpiStorePassword="..."
-- (or in SSMS with Query > SQLCMD Mode and :setvar). Run as a member of sysadmin, or of securityadmin plus
-- db_owner. Part 1 runs in the source database (where contract-views.sql ran), part 2 in the store
-- database; when source and store are one database, run the whole file there. The views are assumed in
-- schema dbo: replace dbo below if Source:Schema names another.
--
-- Re-runnable: logins, users and the schema are created only when missing; grants repeat harmlessly.

-- Part 1: the source login.
DECLARE @password nvarchar(128) = N'$(KpiSourcePassword)';
IF @password = N'' OR LEFT(@password, 2) = N'$' + N'('
    THROW 50000, N'Give the source login''s password as the sqlcmd variable KpiSourcePassword.', 1;

IF SUSER_ID(N'kpi_source') IS NULL
BEGIN
    DECLARE @create_login nvarchar(max) = N'CREATE LOGIN kpi_source WITH PASSWORD = ' + QUOTENAME(@password, N'''')
        + N', CHECK_POLICY = ON, DEFAULT_DATABASE = ' + QUOTENAME(DB_NAME()) + N';';
    EXEC sys.sp_executesql @create_login;
END;

IF DATABASE_PRINCIPAL_ID(N'kpi_source') IS NULL
    CREATE USER kpi_source FOR LOGIN kpi_source;

GRANT SELECT ON OBJECT::dbo.src_unit TO kpi_source;
GRANT SELECT ON OBJECT::dbo.src_procedure TO kpi_source;
GRANT SELECT ON OBJECT::dbo.src_dossier TO kpi_source;
GO

-- Part 2: the store login and its schema.
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
