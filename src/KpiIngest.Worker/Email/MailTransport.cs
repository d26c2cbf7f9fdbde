using KpiIngest.Worker.Configuration;
using MimeKit;

namespace KpiIngest.Worker.Email;

/// <summary>Where digests go: an SMTP server, or .eml files in a pickup folder. The seam tests replace.</summary>
public interface IMailTransport
{
    /// <summary>
    /// Returns once the server accepted the message (or its file is complete); throws <see cref="MailDeliveryException"/>
    /// saying why when the server did not, <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> when
    /// the pickup folder cannot be written.
    /// </summary>
    Task SendAsync(MimeMessage message, CancellationToken cancellation);
}

public static class MailTransports
{
    public static IMailTransport For(EmailOptions email, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(email);
        return string.IsNullOrWhiteSpace(email.Smtp.Host)
            ? new PickupDirectoryMailTransport(ResolvedPaths.Path(email.PickupDirectory, contentRoot))
            : new SmtpMailTransport(email.Smtp);
    }
}

/// <summary>A message the SMTP server did not take, with one line saying why (its reply, a timeout, a TLS failure).</summary>
public sealed class MailDeliveryException(string message, Exception? innerException) : Exception(message, innerException);
