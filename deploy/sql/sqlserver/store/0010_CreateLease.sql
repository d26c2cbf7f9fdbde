-- The run lease: one row while a run (service job or CLI verb, in any process) works on the store, so runs
-- never overlap. A holder renews it while it works; a holder that died lets it lapse at expires_at. holder is
-- host name, process id and two random parts (RunLease), purpose the run's kind.
CREATE TABLE {schema}.kpi_lease (
    name        nvarchar(64)  NOT NULL,
    holder      nvarchar(200) NOT NULL,
    purpose     nvarchar(100) NOT NULL,
    acquired_at datetime2(3)  NOT NULL,
    renewed_at  datetime2(3)  NOT NULL,
    expires_at  datetime2(3)  NOT NULL,
    CONSTRAINT pk_kpi_lease PRIMARY KEY CLUSTERED (name)
);
GO

-- kpi_run.as_of: the snapshot date of a once, poll, day-close or backfill (last date) run; null for reconcile.
-- The service derives its make-up day-closes from it: the last day closed is MAX(as_of) of SUCCEEDED day-closes.
ALTER TABLE {schema}.kpi_run ADD as_of date NULL;
GO

CREATE NONCLUSTERED INDEX ix_kpi_run_kind_status ON {schema}.kpi_run (kind, status, run_id);
GO
