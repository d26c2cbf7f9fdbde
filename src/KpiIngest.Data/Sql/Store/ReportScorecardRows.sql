SELECT c.snapshot_date AS SnapshotDate, c.period AS Period, c.period_start AS PeriodStart, c.scope AS Scope,
       c.scope_id AS ScopeId, u.name AS ScopeName, c.level AS Level, c.item AS Item, i.name_vi AS ItemName,
       c.group_code AS GroupCode, c.numerator AS Numerator, c.denominator AS Denominator, c.ratio AS Ratio,
       c.points AS Points, c.max_points AS MaxPoints, c.known_max_points AS KnownMaxPoints, c.basis AS Basis,
       c.is_final AS IsFinal, c.computed_at AS ComputedAt
FROM {schema}.kpi_scorecard AS c
LEFT JOIN {schema}.kpi_unit AS u ON c.scope = 'UNIT' AND u.unit_id = c.scope_id
LEFT JOIN {schema}.kpi_scorecard_item AS i ON i.code = c.item
WHERE c.snapshot_date = @date AND c.period = @period AND (@scope IS NULL OR c.scope = @scope)
ORDER BY CASE c.scope WHEN 'PROVINCE' THEN 0 WHEN 'LEVEL' THEN 1 ELSE 2 END, c.scope_id, c.group_code,
         CASE WHEN c.item = c.group_code THEN 0 ELSE 1 END, c.item
