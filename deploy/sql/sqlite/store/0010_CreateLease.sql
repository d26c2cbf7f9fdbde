-- The run lease: one row while a run (service job or CLI verb, in any process) works on the store, so runs
-- never overlap. A holder renews it while it works; a holder that died lets it lapse at expires_at.
CREATE TABLE IF NOT EXISTS kpi_lease (
    name        TEXT NOT NULL PRIMARY KEY,
    holder      TEXT NOT NULL,
    purpose     TEXT NOT NULL,
    acquired_at TEXT NOT NULL,
    renewed_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL
) WITHOUT ROWID;

-- kpi_run.as_of: the snapshot date of a once, poll, day-close or backfill (last date) run; null for reconcile.
-- The service derives its make-up day-closes from it: the last day closed is MAX(as_of) of SUCCEEDED day-closes.
ALTER TABLE kpi_run ADD COLUMN as_of TEXT NULL;

CREATE INDEX IF NOT EXISTS ix_kpi_run_kind_status ON kpi_run (kind, status, run_id);
