-- Least privilege for KpiIngest on PostgreSQL: two login roles, each able to do its job and nothing else.
--
--   kpi_source  reads the three contract views (Source:ConnectionString). USAGE on their schema and SELECT
--               on the views; no table privilege at all: a view reads its tables with its owner's rights.
--   kpi_store   owns the store schema kpi (Store:ConnectionString, Store:Schema), where `kpi-ingest migrate`
--               creates every store table and view. It owns nothing else.
--
-- Run as a superuser or the owner of the views, e.g.  psql -d igate -f least-privilege.sql
-- Part 1 runs in the source database (where contract-views.sql ran), part 2 in the store database; when
-- source and store are one database, run the whole file there. The views are assumed in schema public:
-- replace public below if Source:Schema names another.
--
-- Passwords never belong in this file. Set them afterwards, interactively:
--   \password kpi_source
--   \password kpi_store
-- Databases whose CONNECT privilege was revoked from PUBLIC also need
--   GRANT CONNECT ON DATABASE <name> TO kpi_source;   (and kpi_store)
--
-- Re-runnable: roles and the schema are created only when missing; grants repeat harmlessly.

-- Part 1: the source role.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'kpi_source') THEN
        CREATE ROLE kpi_source LOGIN;
    END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO kpi_source;
GRANT SELECT ON public.src_unit, public.src_procedure, public.src_dossier TO kpi_source;

-- Part 2: the store role and its schema. PostgreSQL 15 and later no longer let every role create objects
-- in schema public; on 14 and older, REVOKE CREATE ON SCHEMA public FROM PUBLIC so that kpi_store can
-- create in kpi only.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'kpi_store') THEN
        CREATE ROLE kpi_store LOGIN;
    END IF;
END
$$;

CREATE SCHEMA IF NOT EXISTS kpi AUTHORIZATION kpi_store;
