-- Least privilege for KpiIngest's source on SQL Server: the login kpi_source reads the three contract views
-- (Source:ConnectionString): SELECT on the views, no table access at all (the views reach their tables through
-- ownership chaining, both owned by dbo). The store has its own script, run in the store database:
-- store-least-privilege.sql (the store login that migrates), or store-service-grants.sql (a DML-only login
-- where a DBA applies the migrations).
--
-- Run it in the SOURCE database (where contract-views.sql ran): sqlcmd's -d names it, and the user is created
-- in whichever database the script runs in. Passwords never belong in this file: give it as a sqlcmd variable,
--   sqlcmd -S host -d igate -C -b -i least-privilege.sql -v KpiSourcePassword="..."
-- (or in SSMS with Query > SQLCMD Mode and :setvar, after choosing the source database). Run as a member of
-- sysadmin, or of securityadmin plus db_owner. The views are assumed in schema dbo: replace dbo below if
-- Source:Schema names another.
--
-- Re-runnable: the login and user are created only when missing; grants repeat harmlessly.

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
