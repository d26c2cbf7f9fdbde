using Dapper;
using Microsoft.Data.Sqlite;

namespace KpiIngest.Data.Store;

/// <summary>kpi_outbox: digests waiting for, or past, delivery; never lost, never sent twice on purpose.</summary>
public sealed class OutboxStore(SqliteConnection connection)
{
    /// <summary>Queues a digest; a digest with the same Message-ID (same recipient, same transitions) is queued once.</summary>
    public long? Enqueue(OutboxMessage message, IEnumerable<(long AlertId, string Event, string EventOn)> reports,
        DateTimeOffset now, SqliteTransaction transaction)
    {
        var outboxId = connection.ExecuteScalar<long?>(
            """
            INSERT INTO kpi_outbox (run_id, recipient, message_id, subject, body_html, body_text, created_at, status, next_attempt_at)
            VALUES (@RunId, @Recipient, @MessageId, @Subject, @BodyHtml, @BodyText, @at, 'PENDING', @at)
            ON CONFLICT (message_id) DO NOTHING
            RETURNING outbox_id
            """,
            new { message.RunId, message.Recipient, message.MessageId, message.Subject, message.BodyHtml, message.BodyText, at = StoreFormat.Utc(now) },
            transaction);
        if (outboxId is null)
        {
            return null;
        }

        connection.Execute(
            "INSERT INTO kpi_outbox_alert (outbox_id, alert_id, event, event_on) VALUES (@outboxId, @AlertId, @Event, @EventOn)",
            reports.Select(r => new { outboxId, r.AlertId, r.Event, r.EventOn }),
            transaction);
        return outboxId;
    }

    /// <summary>Digests due for a (first or further) attempt, oldest first.</summary>
    public IReadOnlyList<OutboxMessage> Due(DateTimeOffset now) =>
        [.. connection.Query<OutboxMessage>(
            """
            SELECT outbox_id AS OutboxId, run_id AS RunId, recipient AS Recipient, message_id AS MessageId, subject AS Subject,
                   body_html AS BodyHtml, body_text AS BodyText, attempts AS Attempts
            FROM kpi_outbox WHERE status = 'PENDING' AND next_attempt_at <= @now ORDER BY outbox_id
            """,
            new { now = StoreFormat.Utc(now) })];

    /// <summary>
    /// Marks a digest accepted by the server, and sets notified_at on every alert whose latest event has now
    /// been accepted by every recipient it was routed to.
    /// </summary>
    public void MarkSent(long outboxId, DateTimeOffset now)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        var at = StoreFormat.Utc(now);
        connection.Execute(
            "UPDATE kpi_outbox SET status = 'SENT', sent_at = @at, attempts = attempts + 1, last_error = NULL WHERE outbox_id = @outboxId",
            new { outboxId, at },
            transaction);
        connection.Execute(
            """
            UPDATE kpi_alert SET notified_at = @at
            WHERE alert_id IN (SELECT alert_id FROM kpi_outbox_alert WHERE outbox_id = @outboxId)
              AND notified_at IS NULL
              AND NOT EXISTS (
                  SELECT 1 FROM kpi_outbox_alert AS r JOIN kpi_outbox AS o ON o.outbox_id = r.outbox_id
                  WHERE r.alert_id = kpi_alert.alert_id AND r.event = kpi_alert.last_event
                    AND r.event_on = kpi_alert.last_event_on AND o.status <> 'SENT')
              AND EXISTS (
                  SELECT 1 FROM kpi_outbox_alert AS r
                  WHERE r.alert_id = kpi_alert.alert_id AND r.event = kpi_alert.last_event AND r.event_on = kpi_alert.last_event_on)
            """,
            new { outboxId, at },
            transaction);
        transaction.Commit();
    }

    /// <summary>Records a failed attempt; the digest is tried again at <paramref name="retryAt"/>.</summary>
    public void MarkFailed(long outboxId, string error, DateTimeOffset retryAt) =>
        connection.Execute(
            "UPDATE kpi_outbox SET attempts = attempts + 1, last_error = @error, next_attempt_at = @retry WHERE outbox_id = @outboxId",
            new { outboxId, error, retry = StoreFormat.Utc(retryAt) });
}

/// <summary>A digest as queued: rendered once, so every attempt sends the same message.</summary>
public sealed class OutboxMessage
{
    public long OutboxId { get; init; }
    public long RunId { get; init; }
    public string Recipient { get; init; } = "";
    public string MessageId { get; init; } = "";
    public string Subject { get; init; } = "";
    public string BodyHtml { get; init; } = "";
    public string BodyText { get; init; } = "";
    public long Attempts { get; init; }
}
