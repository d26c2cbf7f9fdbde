SELECT s.snapshot_date AS SnapshotDate, s.period AS Period, s.period_start AS PeriodStart, s.scope AS Scope,
       s.scope_id AS ScopeId, u.name AS ScopeName, s.level AS Level, s.indicator AS Indicator,
       s.numerator AS Numerator, s.denominator AS Denominator, s.ratio AS Ratio, s.target AS Target,
       s.met AS Met, s.is_final AS IsFinal
FROM {schema}.kpi_snapshot AS s
LEFT JOIN {schema}.kpi_unit AS u ON s.scope = 'UNIT' AND u.unit_id = s.scope_id
LEFT JOIN {schema}.kpi_indicator AS i ON i.code = s.indicator
WHERE s.snapshot_date = @date AND s.period = @period AND (@scope IS NULL OR s.scope = @scope)
ORDER BY CASE s.scope WHEN 'PROVINCE' THEN 0 WHEN 'LEVEL' THEN 1 ELSE 2 END, s.scope_id, i.number
