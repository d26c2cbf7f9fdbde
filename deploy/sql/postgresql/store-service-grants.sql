-- A DML-only service role for a store on PostgreSQL whose migrations a DBA applies: the login role kpi_service
-- reads and writes the store's tables in schema kpi and may create nothing. Use it instead of
-- store-least-privilege.sql where policy forbids DDL rights to a service: the DBA writes the pending migrations
-- with `kpi-ingest migrate --script pending.sql` (which changes nothing), reviews them and runs them with
-- psql -v ON_ERROR_STOP=1, at install and after each upgrade, before the service starts.
--
-- Run it in the STORE database as the role that will run the migration scripts (the default privileges below
-- cover the tables that role creates), e.g.  psql -d kpi -v ON_ERROR_STOP=1 -f store-service-grants.sql
-- Passwords never belong in this file. Set it afterwards, interactively:  \password kpi_service
--
-- Re-runnable: the role and the schema are created only when missing; grants repeat harmlessly.

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'kpi_service') THEN
        CREATE ROLE kpi_service LOGIN;
    END IF;
END
$$;

CREATE SCHEMA IF NOT EXISTS kpi;
GRANT USAGE ON SCHEMA kpi TO kpi_service;

-- Tables and sequences already there, and those later migrations add.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA kpi TO kpi_service;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA kpi TO kpi_service;
ALTER DEFAULT PRIVILEGES IN SCHEMA kpi GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO kpi_service;
ALTER DEFAULT PRIVILEGES IN SCHEMA kpi GRANT USAGE, SELECT ON SEQUENCES TO kpi_service;
