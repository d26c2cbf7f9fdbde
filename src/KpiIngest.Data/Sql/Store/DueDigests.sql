SELECT outbox_id AS OutboxId, run_id AS RunId, recipient AS Recipient, message_id AS MessageId, subject AS Subject,
       body_html AS BodyHtml, body_text AS BodyText, attempts AS Attempts
FROM {schema}.kpi_outbox WHERE status = 'PENDING' AND next_attempt_at <= @now ORDER BY outbox_id
