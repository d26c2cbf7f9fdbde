-- The QĐ 766 scorecard estimate (DVCQG 2026 rules): one row per (snapshot_date, period, scope, scope_id, item),
-- where item is an item code, a group code G1..G6 or TOTAL. Rows exist for exactly the (snapshot_date, period,
-- scope, scope_id) that kpi_snapshot has, for every period kind but DAY, written and deleted with them.
CREATE TABLE IF NOT EXISTS kpi_scorecard (
    snapshot_date    TEXT    NOT NULL,
    period           TEXT    NOT NULL,
    period_start     TEXT    NOT NULL,
    scope            TEXT    NOT NULL,
    scope_id         TEXT    NOT NULL,
    level            INTEGER NULL,
    item             TEXT    NOT NULL,
    group_code       TEXT    NOT NULL,
    numerator        INTEGER NULL,
    denominator      INTEGER NULL,
    ratio            REAL    NULL,
    points           REAL    NULL,
    max_points       INTEGER NOT NULL,
    known_max_points INTEGER NOT NULL,
    basis            TEXT    NULL,
    is_final         INTEGER NOT NULL,
    computed_at      TEXT    NOT NULL,
    PRIMARY KEY (snapshot_date, period, scope, scope_id, item)
) WITHOUT ROWID;

-- The scorecard's items and groups as this version computes them, written from the program's catalog.
CREATE TABLE IF NOT EXISTS kpi_scorecard_item (
    code       TEXT    NOT NULL PRIMARY KEY,
    group_code TEXT    NOT NULL,
    name_vi    TEXT    NOT NULL,
    max_points INTEGER NOT NULL,
    rule_vi    TEXT    NOT NULL
) WITHOUT ROWID;
