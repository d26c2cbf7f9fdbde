INSERT INTO {schema}.kpi_outbox_alert (outbox_id, alert_id, event, event_on) VALUES (@outboxId, @AlertId, @Event, @EventOn)
