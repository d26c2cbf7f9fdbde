
namespace KpiIngest.Data.Store;

/// <summary>kpi_outbox: digests waiting for, or past, delivery; never lost, never sent twice on purpose.</summary>
public sealed class OutboxStore(StoreCommands store)
{
    /// <summary>Queues a digest; a digest with the same Message-ID (same recipient, same transitions) is queued once.</summary>
    public long? Enqueue(OutboxMessage message, IEnumerable<(long AlertId, string Event, DateOnly EventOn)> reports,
        DateTimeOffset now)
    {
        var outboxId = store.Scalar<long?>(
            store.Dialect.Sql("EnqueueDigest"),
            new { message.RunId, message.Recipient, message.MessageId, message.Subject, message.BodyHtml, message.BodyText, at = store.Dialect.Utc(now) });
        if (outboxId is null)
        {
            return null;
        }

        store.Write(
            store.Dialect.Sql("InsertDigestReport"),
            reports.Select(r => new { outboxId, r.AlertId, r.Event, EventOn = store.Dialect.Day(r.EventOn) }));
        return outboxId;
    }

    /// <summary>Digests due for a (first or further) attempt, oldest first.</summary>
    public IReadOnlyList<OutboxMessage> Due(DateTimeOffset now) =>
        [.. store.Query<OutboxMessage>(store.Dialect.Sql("DueDigests"), new { now = store.Dialect.Utc(now) })];

    /// <summary>
    /// Marks a digest accepted by the server, and sets notified_at on every alert whose latest event has now
    /// been accepted by every recipient it was routed to.
    /// </summary>
    public void MarkSent(long outboxId, DateTimeOffset now)
    {
        using var transaction = store.BeginWrite();
        var at = store.Dialect.Utc(now);
        store.Write(store.Dialect.Sql("MarkDigestSent"), new { outboxId, at });
        store.Write(store.Dialect.Sql("MarkAlertsNotifiedBySentDigests"), new { outboxId, at });
        transaction.Commit();
    }

    /// <summary>Records a failed attempt; the digest is tried again at <paramref name="retryAt"/>.</summary>
    public void MarkFailed(long outboxId, string error, DateTimeOffset retryAt) =>
        store.Execute(store.Dialect.Sql("MarkDigestFailed"), new { outboxId, error, retry = store.Dialect.Utc(retryAt) });
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
