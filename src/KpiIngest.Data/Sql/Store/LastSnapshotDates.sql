SELECT DISTINCT snapshot_date FROM {schema}.kpi_snapshot WHERE snapshot_date <= @upTo ORDER BY snapshot_date DESC LIMIT @count
