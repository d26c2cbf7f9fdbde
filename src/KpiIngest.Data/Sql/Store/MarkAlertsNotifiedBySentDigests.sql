-- An alert is notified once every digest reporting its latest event was accepted by the server.
UPDATE {schema}.kpi_alert SET notified_at = @at
WHERE alert_id IN (SELECT alert_id FROM {schema}.kpi_outbox_alert WHERE outbox_id = @outboxId)
  AND notified_at IS NULL
  AND NOT EXISTS (
      SELECT 1 FROM {schema}.kpi_outbox_alert AS r JOIN {schema}.kpi_outbox AS o ON o.outbox_id = r.outbox_id
      WHERE r.alert_id = kpi_alert.alert_id AND r.event = kpi_alert.last_event
        AND r.event_on = kpi_alert.last_event_on AND o.status <> 'SENT')
  AND EXISTS (
      SELECT 1 FROM {schema}.kpi_outbox_alert AS r
      WHERE r.alert_id = kpi_alert.alert_id AND r.event = kpi_alert.last_event AND r.event_on = kpi_alert.last_event_on)
