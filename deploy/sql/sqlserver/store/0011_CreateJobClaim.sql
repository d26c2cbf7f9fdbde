-- Which instance runs each scheduled firing of a service job: the first to claim (job, fire_time) runs it and
-- the others skip that firing. With two `kpi-ingest run` instances on one store, every scheduled run happens
-- once; when one instance dies the other claims the next firings (the run lease covers the run itself).
CREATE TABLE {schema}.kpi_job_claim (
    job        nvarchar(32)  NOT NULL,
    fire_time  datetime2(3)  NOT NULL,
    holder     nvarchar(200) NOT NULL,
    claimed_at datetime2(3)  NOT NULL,
    CONSTRAINT pk_kpi_job_claim PRIMARY KEY CLUSTERED (job, fire_time)
);
GO
