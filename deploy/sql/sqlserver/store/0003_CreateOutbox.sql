-- Email outbox: one row per (recipient, digest), written in the transaction that changed the alerts it
-- reports, marked SENT only after the SMTP server accepted it. message_id is derived from the recipient
-- and the transitions reported, so a resend after a crash carries the same Message-ID. run_id names the run
-- that wrote the digest without a foreign key: retention deletes old runs, never their history of mail.
CREATE TABLE {schema}.kpi_outbox (
    outbox_id       bigint         IDENTITY(1,1) NOT NULL,
    run_id          bigint         NOT NULL,
    recipient       nvarchar(320)  NOT NULL,
    message_id      nvarchar(400)  NOT NULL,
    subject         nvarchar(1000) NOT NULL,
    body_html       nvarchar(max)  NOT NULL,
    body_text       nvarchar(max)  NOT NULL,
    created_at      datetime2(3)   NOT NULL,
    status          nvarchar(32)   NOT NULL,
    attempts        int            NOT NULL CONSTRAINT df_kpi_outbox_attempts DEFAULT 0,
    next_attempt_at datetime2(3)   NOT NULL,
    last_error      nvarchar(max)  NULL,
    sent_at         datetime2(3)   NULL,
    CONSTRAINT pk_kpi_outbox PRIMARY KEY CLUSTERED (outbox_id),
    CONSTRAINT uq_kpi_outbox_message_id UNIQUE NONCLUSTERED (message_id)
);
GO

CREATE NONCLUSTERED INDEX ix_kpi_outbox_pending ON {schema}.kpi_outbox (status, next_attempt_at);
GO

-- Which alert transitions each digest reports: kpi_alert.notified_at is set once every digest reporting
-- the alert's latest event was accepted.
CREATE TABLE {schema}.kpi_outbox_alert (
    outbox_id bigint       NOT NULL,
    alert_id  bigint       NOT NULL,
    event     nvarchar(32) NOT NULL,
    event_on  date         NOT NULL,
    CONSTRAINT pk_kpi_outbox_alert PRIMARY KEY CLUSTERED (outbox_id, alert_id)
);
GO

CREATE NONCLUSTERED INDEX ix_kpi_outbox_alert_alert ON {schema}.kpi_outbox_alert (alert_id);
GO
