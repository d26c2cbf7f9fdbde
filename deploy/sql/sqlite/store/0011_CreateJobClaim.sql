-- Which instance runs each scheduled firing of a service job: the first to claim (job, fire_time) runs it and
-- the others skip that firing. With two `kpi-ingest run` instances on one store, every scheduled run happens
-- once; when one instance dies the other claims the next firings (the run lease covers the run itself).
CREATE TABLE IF NOT EXISTS kpi_job_claim (
    job        TEXT NOT NULL,
    fire_time  TEXT NOT NULL,
    holder     TEXT NOT NULL,
    claimed_at TEXT NOT NULL,
    PRIMARY KEY (job, fire_time)
) WITHOUT ROWID;
