UPDATE {schema}.kpi_outbox SET attempts = attempts + 1, last_error = @error, next_attempt_at = @retry WHERE outbox_id = @outboxId
