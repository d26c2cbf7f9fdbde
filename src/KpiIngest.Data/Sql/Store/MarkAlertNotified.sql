UPDATE {schema}.kpi_alert SET notified_at = @at WHERE alert_id = @alertId
