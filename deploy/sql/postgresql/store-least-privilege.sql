-- Least privilege for KpiIngest's store on PostgreSQL: the login role kpi_store owns the store schema kpi
-- (Store:ConnectionString, Store:Schema), where `kpi-ingest migrate` creates every store table and view. It owns
-- nothing else. (Where the service role may not create anything and a DBA applies `migrate --script`, use
-- store-service-grants.sql instead.)
--
-- Run it in the STORE database, as a superuser: the schema is created in whichever database the script runs in
-- (the source's least-privilege.sql runs in the source database). When source and store are one database, run
-- both scripts there.
--   psql -d kpi -v ON_ERROR_STOP=1 -f store-least-privilege.sql
-- Passwords never belong in this file. Set it afterwards, interactively:  \password kpi_store
-- A database whose CONNECT privilege was revoked from PUBLIC also needs  GRANT CONNECT ON DATABASE <name> TO kpi_store;
--
-- Re-runnable: the role and the schema are created only when missing.

-- PostgreSQL 15 and later no longer let every role create objects
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
