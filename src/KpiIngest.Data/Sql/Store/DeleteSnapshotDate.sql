DELETE FROM {schema}.kpi_snapshot WHERE snapshot_date = @date
