SELECT severity, COUNT(*) FROM {schema}.kpi_alert WHERE status = 'OPEN' GROUP BY severity ORDER BY severity
