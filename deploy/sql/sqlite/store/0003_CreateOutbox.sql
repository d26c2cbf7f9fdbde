-- Email outbox: one row per (recipient, digest), written in the transaction that changed the alerts it
-- reports, marked SENT only after the SMTP server accepted it. message_id is derived from the recipient
-- and the transitions reported, so a resend after a crash carries the same Message-ID.
CREATE TABLE IF NOT EXISTS kpi_outbox (
    outbox_id       INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id          INTEGER NOT NULL,
    recipient       TEXT    NOT NULL,
    message_id      TEXT    NOT NULL UNIQUE,
    subject         TEXT    NOT NULL,
    body_html       TEXT    NOT NULL,
    body_text       TEXT    NOT NULL,
    created_at      TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT    NOT NULL,
    last_error      TEXT    NULL,
    sent_at         TEXT    NULL
);

CREATE INDEX IF NOT EXISTS ix_kpi_outbox_pending ON kpi_outbox (status, next_attempt_at);

-- Which alert transitions each digest reports: kpi_alert.notified_at is set once every digest reporting
-- the alert's latest event was accepted.
CREATE TABLE IF NOT EXISTS kpi_outbox_alert (
    outbox_id     INTEGER NOT NULL,
    alert_id      INTEGER NOT NULL,
    event         TEXT    NOT NULL,
    event_on      TEXT    NOT NULL,
    PRIMARY KEY (outbox_id, alert_id)
) WITHOUT ROWID;

CREATE INDEX IF NOT EXISTS ix_kpi_outbox_alert_alert ON kpi_outbox_alert (alert_id);
