DELETE FROM {schema}.kpi_scorecard_item
