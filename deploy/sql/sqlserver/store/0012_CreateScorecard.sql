-- The QĐ 766 scorecard estimate (DVCQG 2026 rules): one row per (snapshot_date, period, scope, scope_id, item),
-- where item is an item code, a group code G1..G6 or TOTAL. Rows exist for exactly the (snapshot_date, period,
-- scope, scope_id) that kpi_snapshot has, for every period kind but DAY, written and deleted with them.
CREATE TABLE {schema}.kpi_scorecard (
    snapshot_date    date          NOT NULL,
    period           nvarchar(32)  NOT NULL,
    period_start     date          NOT NULL,
    scope            nvarchar(32)  NOT NULL,
    scope_id         nvarchar(64)  COLLATE Latin1_General_100_BIN2 NOT NULL,
    level            int           NULL,
    item             nvarchar(32)  NOT NULL,
    group_code       nvarchar(8)   NOT NULL,
    numerator        bigint        NULL,
    denominator      bigint        NULL,
    ratio            decimal(5,2)  NULL,
    points           decimal(5,2)  NULL,
    max_points       int           NOT NULL,
    known_max_points int           NOT NULL,
    basis            nvarchar(16)  NULL,
    is_final         bit           NOT NULL,
    computed_at      datetime2(3)  NOT NULL,
    CONSTRAINT pk_kpi_scorecard PRIMARY KEY CLUSTERED (snapshot_date, period, scope, scope_id, item)
);
GO

-- The scorecard's items and groups as this version computes them, written from the program's catalog.
CREATE TABLE {schema}.kpi_scorecard_item (
    code       nvarchar(32)  NOT NULL,
    group_code nvarchar(8)   NOT NULL,
    name_vi    nvarchar(200) NOT NULL,
    max_points int           NOT NULL,
    rule_vi    nvarchar(1000) NOT NULL,
    CONSTRAINT pk_kpi_scorecard_item PRIMARY KEY CLUSTERED (code)
);
GO
