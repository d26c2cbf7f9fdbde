SELECT MAX(snapshot_date) FROM {schema}.kpi_snapshot
