-- Least privilege for KpiIngest's source on PostgreSQL: the login role kpi_source reads the three contract
-- views (Source:ConnectionString): USAGE on their schema and SELECT on the views; no table privilege at all: a
-- view reads its tables with its owner's rights. The store has its own script, run in the store database:
-- store-least-privilege.sql (the store role that migrates), or store-service-grants.sql (a DML-only role where a
-- DBA applies the migrations).
--
-- Run it in the SOURCE database (where contract-views.sql ran), as a superuser or the owner of the views:
--   psql -d igate -v ON_ERROR_STOP=1 -f least-privilege.sql
-- The views are assumed in schema public: replace public below if Source:Schema names another.
--
-- Passwords never belong in this file. Set it afterwards, interactively:  \password kpi_source
-- A database whose CONNECT privilege was revoked from PUBLIC also needs
--   GRANT CONNECT ON DATABASE <name> TO kpi_source;
--
-- Re-runnable: the role is created only when missing; grants repeat harmlessly.

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'kpi_source') THEN
        CREATE ROLE kpi_source LOGIN;
    END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO kpi_source;
GRANT SELECT ON public.src_unit, public.src_procedure, public.src_dossier TO kpi_source;
