-- The run lease: one row while a run (service job or CLI verb, in any process) works on the store, so runs
-- never overlap. A holder renews it while it works; a holder that died lets it lapse at expires_at.
CREATE TABLE {schema}.kpi_lease (
    name        text        NOT NULL,
    holder      text        NOT NULL,
    purpose     text        NOT NULL,
    acquired_at timestamptz NOT NULL,
    renewed_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    CONSTRAINT pk_kpi_lease PRIMARY KEY (name)
);

-- kpi_run.as_of: the snapshot date of a once, poll, day-close or backfill (last date) run; null for reconcile.
-- The service derives its make-up day-closes from it: the last day closed is MAX(as_of) of SUCCEEDED day-closes.
ALTER TABLE {schema}.kpi_run ADD COLUMN as_of date NULL;

CREATE INDEX ix_kpi_run_kind_status ON {schema}.kpi_run (kind, status, run_id);
