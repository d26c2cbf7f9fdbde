SELECT DISTINCT snapshot_date FROM {schema}.kpi_snapshot WHERE snapshot_date >= @from AND snapshot_date <= @to ORDER BY snapshot_date
