UPDATE {schema}.kpi_outbox SET status = 'SENT', sent_at = @at, attempts = attempts + 1, last_error = NULL WHERE outbox_id = @outboxId
