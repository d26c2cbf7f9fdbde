using System.Net;
using System.Net.Mail;
using KpiIngest.Worker.Configuration;

namespace KpiIngest.Worker.Email;

/// <summary>Where digests go: an SMTP server, or .eml files in a pickup folder. The seam tests replace.</summary>
public interface IMailTransport
{
    /// <summary>Returns once the server accepted the message; throws when it did not.</summary>
    Task SendAsync(MailMessage message, CancellationToken cancellation);
}

/// <summary>SMTP through System.Net.Mail, STARTTLS and credentials from Email:Smtp.</summary>
public sealed class SmtpMailTransport(SmtpOptions options) : IMailTransport
{
    /// <summary>A dead server fails an attempt in bounded time; the digest is retried by a later run.</summary>
    private const int TimeoutMilliseconds = 30_000;

    public async Task SendAsync(MailMessage message, CancellationToken cancellation)
    {
        using var client = new SmtpClient(options.Host, options.Port)
        {
            EnableSsl = options.UseStartTls,
            DeliveryMethod = SmtpDeliveryMethod.Network,
            Timeout = TimeoutMilliseconds,
        };
        if (!string.IsNullOrEmpty(options.UserName))
        {
            client.Credentials = new NetworkCredential(options.UserName, options.Password);
        }

        await client.SendMailAsync(message, cancellation);
    }
}

/// <summary>Without an SMTP host: each digest is written as an .eml file a person can open.</summary>
public sealed class PickupDirectoryMailTransport(string directory) : IMailTransport
{
    public Task SendAsync(MailMessage message, CancellationToken cancellation)
    {
        Directory.CreateDirectory(directory);
        using var client = new SmtpClient
        {
            DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory,
            PickupDirectoryLocation = directory,
        };
        client.Send(message);
        return Task.CompletedTask;
    }
}

public static class MailTransports
{
    public static IMailTransport For(KpiSettings settings) =>
        string.IsNullOrWhiteSpace(settings.Email.Smtp.Host)
            ? new PickupDirectoryMailTransport(SettingsLoader.ResolvePath(settings.Email.PickupDirectory, settings.ContentRoot))
            : new SmtpMailTransport(settings.Email.Smtp);
}
