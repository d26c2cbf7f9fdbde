-- Views for BI (store.md): the latest row per series, and one row per scope with a column per indicator. Columns
-- are listed rather than s.*, which PostgreSQL would freeze at creation anyway: a later column of kpi_snapshot
-- reaches the views only through a migration that says so. The wide view's ratios are cast back to
-- numeric(5,2), which MAX drops, so BI tools see the same type as in kpi_snapshot.

CREATE OR REPLACE VIEW {schema}.kpi_snapshot_latest AS
SELECT s.snapshot_date, s.period, s.period_start, s.scope, s.scope_id, s.level, s.indicator, s.numerator,
       s.denominator, s.ratio, s.target, s.met, s.is_final, s.computed_at
FROM {schema}.kpi_snapshot AS s
JOIN (
    SELECT period, scope, scope_id, indicator, MAX(snapshot_date) AS snapshot_date
    FROM {schema}.kpi_snapshot
    GROUP BY period, scope, scope_id, indicator
) AS latest
  ON latest.period = s.period AND latest.scope = s.scope AND latest.scope_id = s.scope_id
 AND latest.indicator = s.indicator AND latest.snapshot_date = s.snapshot_date;

-- is_final: bool_or is SQLite's MAX over 0/1, true when any of the row's indicators is final.
CREATE OR REPLACE VIEW {schema}.kpi_snapshot_wide AS
SELECT s.snapshot_date,
       s.period,
       s.period_start,
       s.scope,
       s.scope_id,
       s.level,
       u.name AS unit_name,
       CAST(MAX(CASE WHEN s.indicator = 'ONLINE_DOSSIER' THEN s.ratio END) AS numeric(5,2))      AS online_dossier,
       CAST(MAX(CASE WHEN s.indicator = 'ONLINE_PAYMENT' THEN s.ratio END) AS numeric(5,2))      AS online_payment,
       CAST(MAX(CASE WHEN s.indicator = 'DIGITIZED' THEN s.ratio END) AS numeric(5,2))           AS digitized,
       CAST(MAX(CASE WHEN s.indicator = 'E_RESULT' THEN s.ratio END) AS numeric(5,2))            AS e_result,
       CAST(MAX(CASE WHEN s.indicator = 'DATA_REUSE' THEN s.ratio END) AS numeric(5,2))          AS data_reuse,
       CAST(MAX(CASE WHEN s.indicator = 'ONLINE_SERVICE_USED' THEN s.ratio END) AS numeric(5,2)) AS online_service_used,
       CAST(MAX(CASE WHEN s.indicator = 'ONLINE_PAYMENT_USED' THEN s.ratio END) AS numeric(5,2)) AS online_payment_used,
       CAST(MAX(CASE WHEN s.indicator = 'ON_TIME' THEN s.ratio END) AS numeric(5,2))             AS on_time,
       CAST(MAX(CASE WHEN s.indicator = 'FULL_ONLINE_DOSSIER' THEN s.ratio END) AS numeric(5,2)) AS full_online_dossier,
       bool_or(s.is_final) AS is_final
FROM {schema}.kpi_snapshot AS s
LEFT JOIN {schema}.kpi_unit AS u ON s.scope = 'UNIT' AND u.unit_id = s.scope_id
GROUP BY s.snapshot_date, s.period, s.period_start, s.scope, s.scope_id, s.level, u.name;
