-- A digest with the same Message-ID (same recipient, same transitions) is queued once: no row comes back then.
INSERT INTO {schema}.kpi_outbox (run_id, recipient, message_id, subject, body_html, body_text, created_at, status, next_attempt_at)
VALUES (@RunId, @Recipient, @MessageId, @Subject, @BodyHtml, @BodyText, @at, 'PENDING', @at)
ON CONFLICT (message_id) DO NOTHING
RETURNING outbox_id
