-- Views for BI (store.md): the latest row per series, and one row per scope with a column per indicator. Columns
-- are listed rather than s.*, which SQL Server would freeze at creation anyway: a later column of kpi_snapshot
-- reaches the views only through a migration that says so. Not schema-bound, so that later migrations can still
-- alter kpi_snapshot. CREATE OR ALTER VIEW must be alone in its batch: GO after each.

CREATE OR ALTER VIEW {schema}.kpi_snapshot_latest AS
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
GO

-- is_final: MAX does not take bit; over 0/1 as int it is SQLite's MAX(is_final), 1 when any indicator is final.
CREATE OR ALTER VIEW {schema}.kpi_snapshot_wide AS
SELECT s.snapshot_date,
       s.period,
       s.period_start,
       s.scope,
       s.scope_id,
       s.level,
       u.name AS unit_name,
       MAX(CASE WHEN s.indicator = N'ONLINE_DOSSIER' THEN s.ratio END)      AS online_dossier,
       MAX(CASE WHEN s.indicator = N'ONLINE_PAYMENT' THEN s.ratio END)      AS online_payment,
       MAX(CASE WHEN s.indicator = N'DIGITIZED' THEN s.ratio END)           AS digitized,
       MAX(CASE WHEN s.indicator = N'E_RESULT' THEN s.ratio END)            AS e_result,
       MAX(CASE WHEN s.indicator = N'DATA_REUSE' THEN s.ratio END)          AS data_reuse,
       MAX(CASE WHEN s.indicator = N'ONLINE_SERVICE_USED' THEN s.ratio END) AS online_service_used,
       MAX(CASE WHEN s.indicator = N'ONLINE_PAYMENT_USED' THEN s.ratio END) AS online_payment_used,
       MAX(CASE WHEN s.indicator = N'ON_TIME' THEN s.ratio END)             AS on_time,
       MAX(CASE WHEN s.indicator = N'FULL_ONLINE_DOSSIER' THEN s.ratio END) AS full_online_dossier,
       CAST(MAX(CAST(s.is_final AS int)) AS bit) AS is_final
FROM {schema}.kpi_snapshot AS s
LEFT JOIN {schema}.kpi_unit AS u ON s.scope = N'UNIT' AND u.unit_id = s.scope_id
GROUP BY s.snapshot_date, s.period, s.period_start, s.scope, s.scope_id, s.level, u.name;
GO
