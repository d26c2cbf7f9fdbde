using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using KpiIngest.Worker.Configuration;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace KpiIngest.Worker.Email;

/// <summary>
/// SMTP through MailKit: a plain connection, STARTTLS (required when Email:Smtp:UseStartTls) or TLS from the first
/// byte (Email:Smtp:ImplicitTls); AUTH with Email:Smtp:UserName and Password once the connection is encrypted; every
/// wait bounded by Email:Smtp:Timeout, so a dead or silent server fails the attempt and the outbox retries later.
/// Any failure becomes a <see cref="MailDeliveryException"/> whose one line carries what the server said.
/// </summary>
public sealed class SmtpMailTransport : IMailTransport
{
    private readonly SmtpOptions _options;
    private readonly string _host;
    private readonly CertificateThumbprint? _pinned;
    private readonly string _server;

    public SmtpMailTransport(SmtpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _host = string.IsNullOrWhiteSpace(options.Host) ? throw new ArgumentException("Email:Smtp:Host is not set.", nameof(options)) : options.Host;
        _pinned = CertificateThumbprint.TryParse(options.ServerCertificateThumbprint, out var pinned) ? pinned : null;
        _server = $"{options.Host}:{options.Port}";
    }

    private SecureSocketOptions Security =>
        _options.ImplicitTls ? SecureSocketOptions.SslOnConnect
        : _options.UseStartTls ? SecureSocketOptions.StartTls
        : SecureSocketOptions.None;

    public async Task SendAsync(MimeMessage message, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(message);
        var certificate = new CertificateCheck(_pinned);
        using var client = new SmtpClient
        {
            Timeout = (int)_options.Timeout.TotalMilliseconds,
            ServerCertificateValidationCallback = certificate.Validate,
        };
        try
        {
            await client.ConnectAsync(_host, _options.Port, Security, cancellation);
            if (!string.IsNullOrEmpty(_options.UserName))
            {
                await client.AuthenticateAsync(_options.UserName, _options.Password ?? "", cancellation);
            }

            await client.SendAsync(message, cancellation);
            await client.DisconnectAsync(quit: true, cancellation);
        }
        catch (Exception error) when (IsDeliveryFailure(error))
        {
            cancellation.ThrowIfCancellationRequested(); // the service is stopping: not the server's doing
            throw new MailDeliveryException(OneLine(Explain(error, certificate)), error);
        }
    }

    /// <summary>What can go wrong talking to a server (a wait cut short by Email:Smtp:Timeout may surface as a cancellation).</summary>
    private static bool IsDeliveryFailure(Exception error) =>
        error is CommandException or ProtocolException or MailKit.Security.AuthenticationException or SslHandshakeException
            or TimeoutException or OperationCanceledException or IOException or SocketException or NotSupportedException
            or ServiceNotAuthenticatedException or System.Security.Authentication.AuthenticationException;

    private string Explain(Exception error, CertificateCheck certificate) => error switch
    {
        _ when Innermost(error) is TimeoutException or OperationCanceledException =>
            $"SMTP server {_server} timed out after {_options.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} seconds (Email:Smtp:Timeout) without answering",
        SmtpCommandException command => command.ErrorCode switch
        {
            SmtpErrorCode.RecipientNotAccepted => $"SMTP server {_server} refused the recipient {command.Mailbox?.Address}: {Reply(command)}",
            SmtpErrorCode.SenderNotAccepted => $"SMTP server {_server} refused the sender {command.Mailbox?.Address}: {Reply(command)}",
            SmtpErrorCode.MessageNotAccepted => $"SMTP server {_server} refused the message: {Reply(command)}",
            _ => $"SMTP server {_server} replied {Reply(command)}",
        },
        MailKit.Security.AuthenticationException => $"SMTP server {_server} refused the login of Email:Smtp:UserName '{_options.UserName}': {AuthenticationReply(error)}",
        SslHandshakeException or System.Security.Authentication.AuthenticationException =>
            $"TLS with SMTP server {_server} failed: {certificate.Refusal ?? Innermost(error).Message}",
        ServiceNotAuthenticatedException => $"SMTP server {_server} requires a login, set Email:Smtp:UserName and Password: {error.Message}",
        SmtpProtocolException => $"SMTP conversation with {_server} broke off: {error.Message}",
        NotSupportedException => $"SMTP server {_server} does not offer what Email:Smtp asks for (UseStartTls, UserName): {error.Message}",
        _ => $"connection to SMTP server {_server} failed: {Innermost(error).Message}",
    };

    /// <summary>The server's own reply: its status code, then its text (which carries the enhanced code, 5.1.1).</summary>
    private static string Reply(SmtpCommandException command) =>
        $"{(int)command.StatusCode} {command.Message}";

    /// <summary>MailKit keeps the server's 535 reply in the inner SmtpCommandException when there is one.</summary>
    private static string AuthenticationReply(Exception error) =>
        error.InnerException is SmtpCommandException command ? Reply(command) : error.Message;

    private static Exception Innermost(Exception error)
    {
        while (error.InnerException is not null)
        {
            error = error.InnerException;
        }

        return error;
    }

    /// <summary>One line for kpi_outbox.last_error and the log: a multi-line reply's lines joined.</summary>
    private static string OneLine(string text) =>
        string.Join(" ", text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>
    /// The normal chain and name validation, or the pinned certificate; remembers why a certificate was refused, as
    /// MailKit's own message for it is several lines of generic advice.
    /// </summary>
    private sealed class CertificateCheck(CertificateThumbprint? pinned)
    {
        public string? Refusal { get; private set; }

        public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
        {
            if (certificate is null)
            {
                Refusal = "the server sent no certificate";
                return false;
            }

            if (pinned is not null)
            {
                if (pinned.Matches(certificate))
                {
                    return true;
                }

                Refusal = $"the server's certificate ({certificate.Subject}, SHA-256 {CertificateThumbprint.Sha256Of(certificate)}) is not the one Email:Smtp:ServerCertificateThumbprint names";
                return false;
            }

            if (errors == SslPolicyErrors.None)
            {
                return true;
            }

            var problems = chain?.ChainStatus.Where(s => s.Status != X509ChainStatusFlags.NoError).Select(s => s.Status.ToString()).Distinct().ToList() ?? [];
            Refusal = $"the server's certificate ({certificate.Subject}, SHA-256 {CertificateThumbprint.Sha256Of(certificate)}) is not trusted: {errors}"
                + (problems.Count > 0 ? $" ({string.Join(", ", problems)})" : "")
                + "; trust its issuer on this machine, or pin it with Email:Smtp:ServerCertificateThumbprint";
            return false;
        }
    }
}
