-- KpiIngest store on SQL Server: the public tables of store.md and the internal kpi_ tables behind them, column for
-- column as the SQLite store so that BI reads the same names on every engine. The migrator puts the quoted
-- Store:Schema where {schema} stands, creates that schema and its kpi_schema_version, and runs this once, in a
-- transaction, batch by batch between GO lines.
--
-- Types carry what SQLite could only promise in text: dates are date, UTC instants datetime2(3) (UTC by
-- convention; nothing here is in server time), the source's local updated_at datetime2(7) (compared with the
-- source's own, never converted), flags bit, percentages decimal(5,2). Ids and keys are
-- Latin1_General_100_BIN2: reconciliation merges the store's dossier ids with the source's in ordinal order, and
-- a database's default collation is usually case-insensitive and linguistic, which would both order and match
-- them otherwise. Text lengths are the contract's (keys 64, unit names 255, procedure names 1000) or what the code
-- bounds; text the code does not bound is nvarchar(max), never in a key or an index. Constraints are named so that
-- a later migration can drop or change them. No foreign keys, as on SQLite: dimensions are replaced whole and
-- retention deletes runs that digests name.

CREATE TABLE {schema}.kpi_snapshot (
    snapshot_date date          NOT NULL,
    period        nvarchar(32)  NOT NULL,
    period_start  date          NOT NULL,
    scope         nvarchar(32)  NOT NULL,
    scope_id      nvarchar(64)  COLLATE Latin1_General_100_BIN2 NOT NULL,
    level         int           NULL,
    indicator     nvarchar(32)  NOT NULL,
    numerator     bigint        NOT NULL,
    denominator   bigint        NOT NULL,
    ratio         decimal(5,2)  NULL,
    target        decimal(5,2)  NULL,
    met           bit           NULL,
    is_final      bit           NOT NULL,
    computed_at   datetime2(3)  NOT NULL,
    CONSTRAINT pk_kpi_snapshot PRIMARY KEY CLUSTERED (snapshot_date, period, scope, scope_id, indicator)
);
GO

-- No secondary index: every read KpiIngest makes goes by snapshot_date first (the clustered key's prefix), and a
-- second index would double the cost of writing a year of snapshots. BI stores with other access paths add their own.

CREATE TABLE {schema}.kpi_alert (
    alert_id      bigint        IDENTITY(1,1) NOT NULL,
    indicator     nvarchar(32)  NOT NULL,
    period        nvarchar(32)  NOT NULL,
    period_start  date          NOT NULL,
    scope         nvarchar(32)  NOT NULL,
    scope_id      nvarchar(64)  COLLATE Latin1_General_100_BIN2 NOT NULL,
    level         int           NULL,
    status        nvarchar(32)  NOT NULL,
    severity      nvarchar(32)  NOT NULL,
    ratio         decimal(5,2)  NULL,
    target        decimal(5,2)  NULL,
    gap           decimal(5,2)  NULL,
    numerator     bigint        NOT NULL,
    denominator   bigint        NOT NULL,
    shortfall     bigint        NOT NULL,
    opened_on     date          NOT NULL,
    last_seen_on  date          NOT NULL,
    closed_on     date          NULL,
    notified_at   datetime2(3)  NULL,
    last_event    nvarchar(32)  NOT NULL,
    last_event_on date          NOT NULL,
    CONSTRAINT pk_kpi_alert PRIMARY KEY CLUSTERED (alert_id),
    CONSTRAINT uq_kpi_alert_key UNIQUE NONCLUSTERED (indicator, scope, scope_id, period, period_start)
);
GO

-- No index on (period, period_start), which loading one period's alerts filters by: alerts exist only for
-- Alerts:Periods (MTD by default) and are one per series and period, so the table stays small enough to scan.

CREATE TABLE {schema}.kpi_unit (
    unit_id     nvarchar(64)  COLLATE Latin1_General_100_BIN2 NOT NULL,
    parent_id   nvarchar(64)  COLLATE Latin1_General_100_BIN2 NULL,
    name        nvarchar(255) NOT NULL,
    level       int           NOT NULL,
    active_from date          NULL,
    active_to   date          NULL,
    CONSTRAINT pk_kpi_unit PRIMARY KEY CLUSTERED (unit_id)
);
GO

CREATE TABLE {schema}.kpi_indicator (
    code           nvarchar(32)  NOT NULL,
    number         int           NOT NULL,
    name_vi        nvarchar(400) NOT NULL,
    name_en        nvarchar(400) NOT NULL,
    numerator_vi   nvarchar(400) NOT NULL,
    denominator_vi nvarchar(400) NOT NULL,
    numerator_en   nvarchar(400) NOT NULL,
    denominator_en nvarchar(400) NOT NULL,
    CONSTRAINT pk_kpi_indicator PRIMARY KEY CLUSTERED (code)
);
GO

-- No key, as on SQLite: the configured sets are replaced whole and read whole. source is configured text of
-- any length.
CREATE TABLE {schema}.kpi_target (
    effective_from date          NOT NULL,
    source         nvarchar(max) NOT NULL,
    indicator      nvarchar(32)  NOT NULL,
    level          int           NULL,
    unit_id        nvarchar(64)  COLLATE Latin1_General_100_BIN2 NULL,
    target         decimal(5,2)  NOT NULL
);
GO

CREATE TABLE {schema}.kpi_run (
    run_id                 bigint        IDENTITY(1,1) NOT NULL,
    kind                   nvarchar(32)  NOT NULL,
    started_at             datetime2(3)  NOT NULL,
    finished_at            datetime2(3)  NULL,
    status                 nvarchar(32)  NOT NULL,
    dossiers_read          bigint        NOT NULL CONSTRAINT df_kpi_run_dossiers_read DEFAULT 0,
    dossiers_upserted      bigint        NOT NULL CONSTRAINT df_kpi_run_dossiers_upserted DEFAULT 0,
    dossiers_quarantined   bigint        NOT NULL CONSTRAINT df_kpi_run_dossiers_quarantined DEFAULT 0,
    dossiers_uncatalogued  bigint        NOT NULL CONSTRAINT df_kpi_run_dossiers_uncatalogued DEFAULT 0,
    snapshots_written      bigint        NOT NULL CONSTRAINT df_kpi_run_snapshots_written DEFAULT 0,
    alerts_opened          bigint        NOT NULL CONSTRAINT df_kpi_run_alerts_opened DEFAULT 0,
    alerts_closed          bigint        NOT NULL CONSTRAINT df_kpi_run_alerts_closed DEFAULT 0,
    emails_sent            bigint        NOT NULL CONSTRAINT df_kpi_run_emails_sent DEFAULT 0,
    emails_failed          bigint        NOT NULL CONSTRAINT df_kpi_run_emails_failed DEFAULT 0,
    error                  nvarchar(max) NULL,
    units_quarantined      bigint        NOT NULL CONSTRAINT df_kpi_run_units_quarantined DEFAULT 0,
    procedures_quarantined bigint        NOT NULL CONSTRAINT df_kpi_run_procedures_quarantined DEFAULT 0,
    dossiers_deleted       bigint        NOT NULL CONSTRAINT df_kpi_run_dossiers_deleted DEFAULT 0,
    CONSTRAINT pk_kpi_run PRIMARY KEY CLUSTERED (run_id)
);
GO

-- record_key is at most 256 characters (QuarantineEntry.KeyOf hashes a longer hostile key), value_text at most
-- 1,000 (store.md); a reason lists every way a row breaks the contract, with no bound.
CREATE TABLE {schema}.kpi_quarantine (
    relation   nvarchar(32)   NOT NULL,
    record_key nvarchar(256)  COLLATE Latin1_General_100_BIN2 NOT NULL,
    reason     nvarchar(max)  NOT NULL,
    first_seen datetime2(3)   NOT NULL,
    last_seen  datetime2(3)   NOT NULL,
    value_text nvarchar(1000) NULL,
    cleared_at datetime2(3)   NULL,
    CONSTRAINT pk_kpi_quarantine PRIMARY KEY CLUSTERED (relation, record_key)
);
GO

-- Internal: the catalog as last read (indicators 4, 6, 7 and 9 join it when composing).
CREATE TABLE {schema}.kpi_catalog (
    unit_id         nvarchar(64)   COLLATE Latin1_General_100_BIN2 NOT NULL,
    procedure_code  nvarchar(64)   COLLATE Latin1_General_100_BIN2 NOT NULL,
    procedure_name  nvarchar(1000) NOT NULL,
    online_mode     int            NOT NULL,
    has_fee         bit            NOT NULL,
    online_payment  bit            NOT NULL,
    requires_result bit            NOT NULL,
    CONSTRAINT pk_kpi_catalog PRIMARY KEY CLUSTERED (unit_id, procedure_code)
);
GO

-- Internal: one row per counted dossier, only what the indicators need (design.md). updated_at is the source's
-- local wall-clock time at datetime2's full precision, kept as read so that the next poll's comparison is exact.
CREATE TABLE {schema}.kpi_dossier_fact (
    dossier_id     nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    unit_id        nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    procedure_code nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    received_day   date         NULL,
    resolved_day   date         NULL,
    traits         int          NOT NULL,
    updated_at     datetime2(7) NOT NULL,
    CONSTRAINT pk_kpi_dossier_fact PRIMARY KEY CLUSTERED (dossier_id)
);
GO

-- Internal: the (unit, procedure) pairs that ever counted, numbered so daily rows carry a small integer key.
CREATE TABLE {schema}.kpi_pair (
    pair_id        bigint       IDENTITY(1,1) NOT NULL,
    unit_id        nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    procedure_code nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    CONSTRAINT pk_kpi_pair PRIMARY KEY CLUSTERED (pair_id),
    CONSTRAINT uq_kpi_pair_unit_procedure UNIQUE NONCLUSTERED (unit_id, procedure_code)
);
GO

-- Internal: additive counts per (local day, pair); a period is a sum of these rows.
CREATE TABLE {schema}.kpi_daily_pair (
    day                  date   NOT NULL,
    pair_id              bigint NOT NULL,
    received             bigint NOT NULL,
    online               bigint NOT NULL,
    with_fee             bigint NOT NULL,
    with_fee_paid_online bigint NOT NULL,
    digitized            bigint NOT NULL,
    reused               bigint NOT NULL,
    paid_online          bigint NOT NULL,
    resolved             bigint NOT NULL,
    resolved_e_result    bigint NOT NULL,
    resolved_with_due    bigint NOT NULL,
    resolved_on_time     bigint NOT NULL,
    CONSTRAINT pk_kpi_daily_pair PRIMARY KEY CLUSTERED (day, pair_id)
);
GO

-- Internal: watermark and pending restatement, written in the same transaction as the data they cover. value is
-- nvarchar(max): the OPS problem kept here quotes the errors of the failed runs (each up to 2,000 characters).
CREATE TABLE {schema}.kpi_state (
    name  nvarchar(128) NOT NULL,
    value nvarchar(max) NULL,
    CONSTRAINT pk_kpi_state PRIMARY KEY CLUSTERED (name)
);
GO
