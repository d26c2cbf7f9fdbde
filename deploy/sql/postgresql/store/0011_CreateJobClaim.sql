-- Which instance runs each scheduled firing of a service job: the first to claim (job, fire_time) runs it and
-- the others skip that firing. With two `kpi-ingest run` instances on one store, every scheduled run happens
-- once; when one instance dies the other claims the next firings (the run lease covers the run itself).
CREATE TABLE {schema}.kpi_job_claim (
    job        text        NOT NULL,
    fire_time  timestamptz NOT NULL,
    holder     text        NOT NULL,
    claimed_at timestamptz NOT NULL,
    CONSTRAINT pk_kpi_job_claim PRIMARY KEY (job, fire_time)
);
