-- A digest with the same Message-ID (same recipient, same transitions) is queued once: no row comes back then.
-- OUTPUT goes INTO a table variable, then is selected: SQL Server refuses a bare OUTPUT on a table with an enabled
-- trigger (error 334), and a DBA may well put an audit trigger on the store's tables.
DECLARE @queued TABLE (outbox_id bigint NOT NULL);
INSERT INTO {schema}.kpi_outbox (run_id, recipient, message_id, subject, body_html, body_text, created_at, status, next_attempt_at)
OUTPUT inserted.outbox_id INTO @queued (outbox_id)
SELECT @RunId, @Recipient, @MessageId, @Subject, @BodyHtml, @BodyText, @at, 'PENDING', @at
WHERE NOT EXISTS (SELECT 1 FROM {schema}.kpi_outbox WITH (UPDLOCK, HOLDLOCK) WHERE message_id = @MessageId);
SELECT outbox_id FROM @queued;
