using System.Data.Common;
using Dapper;
using KpiIngest.Data.Store.Dialects;

namespace KpiIngest.Data.Store;

/// <summary>kpi_outbox: digests waiting for, or past, delivery; never lost, never sent twice on purpose.</summary>
public sealed class OutboxStore(DbConnection connection, StoreDialect dialect)
{
    /// <summary>Queues a digest; a digest with the same Message-ID (same recipient, same transitions) is queued once.</summary>
    public long? Enqueue(OutboxMessage message, IEnumerable<(long AlertId, string Event, DateOnly EventOn)> reports,
        DateTimeOffset now, DbTransaction transaction)
    {
        var outboxId = connection.ExecuteScalar<long?>(
            dialect.Sql("EnqueueDigest"),
            new { message.RunId, message.Recipient, message.MessageId, message.Subject, message.BodyHtml, message.BodyText, at = dialect.Utc(now) },
            transaction);
        if (outboxId is null)
        {
            return null;
        }

        connection.Execute(
            dialect.Sql("InsertDigestReport"),
            reports.Select(r => new { outboxId, r.AlertId, r.Event, EventOn = dialect.Day(r.EventOn) }),
            transaction);
        return outboxId;
    }

    /// <summary>Digests due for a (first or further) attempt, oldest first.</summary>
    public IReadOnlyList<OutboxMessage> Due(DateTimeOffset now) =>
        [.. connection.Query<OutboxMessage>(dialect.Sql("DueDigests"), new { now = dialect.Utc(now) })];

    /// <summary>
    /// Marks a digest accepted by the server, and sets notified_at on every alert whose latest event has now
    /// been accepted by every recipient it was routed to.
    /// </summary>
    public void MarkSent(long outboxId, DateTimeOffset now)
    {
        using var transaction = dialect.BeginWrite(connection);
        var at = dialect.Utc(now);
        connection.Execute(dialect.Sql("MarkDigestSent"), new { outboxId, at }, transaction);
        connection.Execute(dialect.Sql("MarkAlertsNotifiedBySentDigests"), new { outboxId, at }, transaction);
        transaction.Commit();
    }

    /// <summary>Records a failed attempt; the digest is tried again at <paramref name="retryAt"/>.</summary>
    public void MarkFailed(long outboxId, string error, DateTimeOffset retryAt) =>
        connection.Execute(dialect.Sql("MarkDigestFailed"), new { outboxId, error, retry = dialect.Utc(retryAt) });
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
