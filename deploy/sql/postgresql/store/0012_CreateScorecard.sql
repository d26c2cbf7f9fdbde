-- The QĐ 766 scorecard estimate (DVCQG 2026 rules): one row per (snapshot_date, period, scope, scope_id, item),
-- where item is an item code, a group code G1..G6 or TOTAL. Rows exist for exactly the (snapshot_date, period,
-- scope, scope_id) that kpi_snapshot has, for every period kind but DAY, written and deleted with them.
CREATE TABLE {schema}.kpi_scorecard (
    snapshot_date    date          NOT NULL,
    period           text          NOT NULL,
    period_start     date          NOT NULL,
    scope            text          NOT NULL,
    scope_id         text          COLLATE "C" NOT NULL,
    level            integer       NULL,
    item             text          NOT NULL,
    group_code       text          NOT NULL,
    numerator        bigint        NULL,
    denominator      bigint        NULL,
    ratio            numeric(5,2)  NULL,
    points           numeric(5,2)  NULL,
    max_points       integer       NOT NULL,
    known_max_points integer       NOT NULL,
    basis            text          NULL,
    is_final         boolean       NOT NULL,
    computed_at      timestamptz   NOT NULL,
    CONSTRAINT pk_kpi_scorecard PRIMARY KEY (snapshot_date, period, scope, scope_id, item)
);

-- The scorecard's items and groups as this version computes them, written from the program's catalog.
CREATE TABLE {schema}.kpi_scorecard_item (
    code       text    NOT NULL,
    group_code text    NOT NULL,
    name_vi    text    NOT NULL,
    max_points integer NOT NULL,
    rule_vi    text    NOT NULL,
    CONSTRAINT pk_kpi_scorecard_item PRIMARY KEY (code)
);
