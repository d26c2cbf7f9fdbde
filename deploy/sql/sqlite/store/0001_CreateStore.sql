-- KpiIngest store on SQLite: the public tables of store.md and the internal kpi_ tables behind them.
-- Dates are YYYY-MM-DD text, timestamps UTC ISO-8601 text, booleans 0/1, ratios and targets REAL (SQLite has
-- no decimal; REAL keeps 100.00 a real number rather than letting NUMERIC affinity turn it into the integer 100).

CREATE TABLE IF NOT EXISTS kpi_snapshot (
    snapshot_date TEXT    NOT NULL,
    period        TEXT    NOT NULL,
    period_start  TEXT    NOT NULL,
    scope         TEXT    NOT NULL,
    scope_id      TEXT    NOT NULL,
    level         INTEGER NULL,
    indicator     TEXT    NOT NULL,
    numerator     INTEGER NOT NULL,
    denominator   INTEGER NOT NULL,
    ratio         REAL    NULL,
    target        REAL    NULL,
    met           INTEGER NULL,
    is_final      INTEGER NOT NULL,
    computed_at   TEXT    NOT NULL,
    PRIMARY KEY (snapshot_date, period, scope, scope_id, indicator)
) WITHOUT ROWID;

-- No secondary index: every read KpiIngest makes goes by snapshot_date first (the key's prefix), and a second
-- index would double the cost of writing a year of snapshots. BI stores with other access paths add their own.

CREATE TABLE IF NOT EXISTS kpi_alert (
    alert_id      INTEGER PRIMARY KEY AUTOINCREMENT,
    indicator     TEXT    NOT NULL,
    period        TEXT    NOT NULL,
    period_start  TEXT    NOT NULL,
    scope         TEXT    NOT NULL,
    scope_id      TEXT    NOT NULL,
    level         INTEGER NULL,
    status        TEXT    NOT NULL,
    severity      TEXT    NOT NULL,
    ratio         REAL    NULL,
    target        REAL    NULL,
    gap           REAL    NULL,
    numerator     INTEGER NOT NULL,
    denominator   INTEGER NOT NULL,
    shortfall     INTEGER NOT NULL,
    opened_on     TEXT    NOT NULL,
    last_seen_on  TEXT    NOT NULL,
    closed_on     TEXT    NULL,
    notified_at   TEXT    NULL,
    last_event    TEXT    NOT NULL,
    last_event_on TEXT    NOT NULL,
    UNIQUE (indicator, scope, scope_id, period, period_start)
);

CREATE TABLE IF NOT EXISTS kpi_unit (
    unit_id     TEXT    NOT NULL PRIMARY KEY,
    parent_id   TEXT    NULL,
    name        TEXT    NOT NULL,
    level       INTEGER NOT NULL,
    active_from TEXT    NULL,
    active_to   TEXT    NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS kpi_indicator (
    code           TEXT    NOT NULL PRIMARY KEY,
    number         INTEGER NOT NULL,
    name_vi        TEXT    NOT NULL,
    name_en        TEXT    NOT NULL,
    numerator_vi   TEXT    NOT NULL,
    denominator_vi TEXT    NOT NULL,
    numerator_en   TEXT    NOT NULL,
    denominator_en TEXT    NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS kpi_target (
    effective_from TEXT    NOT NULL,
    source         TEXT    NOT NULL,
    indicator      TEXT    NOT NULL,
    level          INTEGER NULL,
    unit_id        TEXT    NULL,
    target         REAL    NOT NULL
);

CREATE TABLE IF NOT EXISTS kpi_run (
    run_id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    kind                   TEXT    NOT NULL,
    started_at             TEXT    NOT NULL,
    finished_at            TEXT    NULL,
    status                 TEXT    NOT NULL,
    dossiers_read          INTEGER NOT NULL DEFAULT 0,
    dossiers_upserted      INTEGER NOT NULL DEFAULT 0,
    dossiers_quarantined   INTEGER NOT NULL DEFAULT 0,
    dossiers_uncatalogued  INTEGER NOT NULL DEFAULT 0,
    snapshots_written      INTEGER NOT NULL DEFAULT 0,
    alerts_opened          INTEGER NOT NULL DEFAULT 0,
    alerts_closed          INTEGER NOT NULL DEFAULT 0,
    emails_sent            INTEGER NOT NULL DEFAULT 0,
    emails_failed          INTEGER NOT NULL DEFAULT 0,
    error                  TEXT    NULL,
    units_quarantined      INTEGER NOT NULL DEFAULT 0,
    procedures_quarantined INTEGER NOT NULL DEFAULT 0,
    dossiers_deleted       INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS kpi_quarantine (
    relation   TEXT NOT NULL,
    record_key TEXT NOT NULL,
    reason     TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen  TEXT NOT NULL,
    value_text TEXT NULL,
    cleared_at TEXT NULL,
    PRIMARY KEY (relation, record_key)
) WITHOUT ROWID;

-- Internal: the catalog as last read (indicators 4, 6, 7 and 9 join it when composing).
CREATE TABLE IF NOT EXISTS kpi_catalog (
    unit_id         TEXT    NOT NULL,
    procedure_code  TEXT    NOT NULL,
    procedure_name  TEXT    NOT NULL,
    online_mode     INTEGER NOT NULL,
    has_fee         INTEGER NOT NULL,
    online_payment  INTEGER NOT NULL,
    requires_result INTEGER NOT NULL,
    PRIMARY KEY (unit_id, procedure_code)
) WITHOUT ROWID;

-- Internal: one row per counted dossier, only what the indicators need (design.md).
CREATE TABLE IF NOT EXISTS kpi_dossier_fact (
    dossier_id     TEXT    NOT NULL PRIMARY KEY,
    unit_id        TEXT    NOT NULL,
    procedure_code TEXT    NOT NULL,
    received_day   TEXT    NULL,
    resolved_day   TEXT    NULL,
    traits         INTEGER NOT NULL,
    updated_at     TEXT    NOT NULL
) WITHOUT ROWID;

-- Internal: the (unit, procedure) pairs that ever counted, numbered so daily rows carry a small integer key.
CREATE TABLE IF NOT EXISTS kpi_pair (
    pair_id        INTEGER PRIMARY KEY,
    unit_id        TEXT    NOT NULL,
    procedure_code TEXT    NOT NULL,
    UNIQUE (unit_id, procedure_code)
);

-- Internal: additive counts per (local day, pair); a period is a sum of these rows.
CREATE TABLE IF NOT EXISTS kpi_daily_pair (
    day                  TEXT    NOT NULL,
    pair_id              INTEGER NOT NULL,
    received             INTEGER NOT NULL,
    online               INTEGER NOT NULL,
    with_fee             INTEGER NOT NULL,
    with_fee_paid_online INTEGER NOT NULL,
    digitized            INTEGER NOT NULL,
    reused               INTEGER NOT NULL,
    paid_online          INTEGER NOT NULL,
    resolved             INTEGER NOT NULL,
    resolved_e_result    INTEGER NOT NULL,
    resolved_with_due    INTEGER NOT NULL,
    resolved_on_time     INTEGER NOT NULL,
    PRIMARY KEY (day, pair_id)
) WITHOUT ROWID;

-- Internal: watermark and pending restatement, written in the same transaction as the data they cover.
CREATE TABLE IF NOT EXISTS kpi_state (
    name  TEXT NOT NULL PRIMARY KEY,
    value TEXT NULL
) WITHOUT ROWID;
