using KpiIngest.Core.Periods;
using KpiIngest.Data.Store;
using KpiIngest.Worker.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace KpiIngest.Worker.Email;

/// <summary>
/// Sends the queued digests that are due: this run's and earlier failures whose backoff has passed. A digest
/// is marked sent only after the server accepted it; a refused or failed one does not stop the others and
/// is tried again by a later run, waiting longer after each failure.
/// </summary>
public sealed class DigestDelivery(IOptions<EmailOptions> email, IMailTransport transport, SourceClock clock, ILogger<DigestDelivery> logger)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(1);

    public async Task DeliverAsync(StoreSession store, RunCounts counts, CancellationToken cancellation)
    {
        foreach (var digest in store.Outbox.Due(clock.UtcNow))
        {
            cancellation.ThrowIfCancellationRequested();
            try
            {
                using var message = ToMail(digest);
                await transport.SendAsync(message, cancellation);
                FaultInjectionTestHook.Checkpoint(FaultInjectionTestHook.Email, $"{digest.MessageId} sent, not marked");
                store.Outbox.MarkSent(digest.OutboxId, clock.UtcNow);
                FaultInjectionTestHook.Checkpoint(FaultInjectionTestHook.Email, $"{digest.MessageId} marked sent");
                counts.EmailsSent++;
            }
            catch (Exception error) when (error is MailDeliveryException or IOException or UnauthorizedAccessException)
            {
                var backoff = Backoff(digest.Attempts + 1);
                var reason = RunErrors.Describe(error);
                store.Outbox.MarkFailed(digest.OutboxId, reason, clock.UtcNow + backoff);
                counts.EmailsFailed++;
                logger.LogWarning("Digest {MessageId} to {Recipient} not delivered (attempt {Attempt}), retrying after {Backoff}: {Reason}",
                    digest.MessageId, digest.Recipient, digest.Attempts + 1, backoff, reason);
            }
        }
    }

    /// <summary>1, 2, 4 … minutes, at most an hour, with up to 20 % jitter so many digests do not retry in step.</summary>
    public static TimeSpan Backoff(long attempt)
    {
        var minutes = Math.Min(MaxBackoff.TotalMinutes, Math.Pow(2, Math.Min(attempt - 1, 10)));
        return TimeSpan.FromMinutes(minutes * (1 + (Random.Shared.NextDouble() * 0.2)));
    }

    private MimeMessage ToMail(OutboxMessage digest) =>
        MailComposer.Compose(email.Value.From, digest.Recipient, digest.Subject, digest.MessageId, digest.BodyText, digest.BodyHtml);
}
