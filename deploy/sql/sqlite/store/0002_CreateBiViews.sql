-- Views for BI (store.md): the latest row per series, and one row per scope with a column per indicator.
DROP VIEW IF EXISTS kpi_snapshot_latest;
CREATE VIEW kpi_snapshot_latest AS
SELECT s.*
FROM kpi_snapshot AS s
JOIN (
    SELECT period, scope, scope_id, indicator, MAX(snapshot_date) AS snapshot_date
    FROM kpi_snapshot
    GROUP BY period, scope, scope_id, indicator
) AS latest
  ON latest.period = s.period AND latest.scope = s.scope AND latest.scope_id = s.scope_id
 AND latest.indicator = s.indicator AND latest.snapshot_date = s.snapshot_date;

DROP VIEW IF EXISTS kpi_snapshot_wide;
CREATE VIEW kpi_snapshot_wide AS
SELECT s.snapshot_date,
       s.period,
       s.period_start,
       s.scope,
       s.scope_id,
       s.level,
       u.name AS unit_name,
       MAX(CASE WHEN s.indicator = 'ONLINE_DOSSIER' THEN s.ratio END)      AS online_dossier,
       MAX(CASE WHEN s.indicator = 'ONLINE_PAYMENT' THEN s.ratio END)      AS online_payment,
       MAX(CASE WHEN s.indicator = 'DIGITIZED' THEN s.ratio END)           AS digitized,
       MAX(CASE WHEN s.indicator = 'E_RESULT' THEN s.ratio END)            AS e_result,
       MAX(CASE WHEN s.indicator = 'DATA_REUSE' THEN s.ratio END)          AS data_reuse,
       MAX(CASE WHEN s.indicator = 'ONLINE_SERVICE_USED' THEN s.ratio END) AS online_service_used,
       MAX(CASE WHEN s.indicator = 'ONLINE_PAYMENT_USED' THEN s.ratio END) AS online_payment_used,
       MAX(CASE WHEN s.indicator = 'ON_TIME' THEN s.ratio END)             AS on_time,
       MAX(CASE WHEN s.indicator = 'FULL_ONLINE_DOSSIER' THEN s.ratio END) AS full_online_dossier,
       MAX(s.is_final) AS is_final
FROM kpi_snapshot AS s
LEFT JOIN kpi_unit AS u ON s.scope = 'UNIT' AND u.unit_id = s.scope_id
GROUP BY s.snapshot_date, s.period, s.period_start, s.scope, s.scope_id, s.level, u.name;
