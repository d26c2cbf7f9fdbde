DELETE FROM {schema}.kpi_scorecard WHERE snapshot_date = @date
