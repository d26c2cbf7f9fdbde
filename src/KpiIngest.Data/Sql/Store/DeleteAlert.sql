DELETE FROM {schema}.kpi_alert WHERE alert_id = @alertId
