SELECT points, known_max_points
FROM {schema}.kpi_scorecard
WHERE snapshot_date = @date AND period = @period AND scope = 'PROVINCE' AND item = 'TOTAL'
