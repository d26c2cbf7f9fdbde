using Microsoft.Extensions.Configuration;

namespace KpiIngest.Worker.Configuration;

/// <summary>Section Email: the sender, the SMTP transport and the recipient routes.</summary>
public sealed class EmailOptionsValidator(IConfiguration configuration) : SectionValidator<EmailOptions>
{
    protected override void Check(EmailOptions options)
    {
        Require(IsAddress(options.From), $"Email:From '{options.From}' is not an email address.");
        CheckSmtp(options.Smtp);
        Require(!string.IsNullOrWhiteSpace(options.PickupDirectory) || !string.IsNullOrWhiteSpace(options.Smtp.Host),
            "Email:PickupDirectory is empty and Email:Smtp:Host is not set: digests would have nowhere to go.");
        for (var i = 0; i < options.Recipients.Count; i++)
        {
            CheckRoute(options.Recipients[i], $"Email:Recipients:{i}");
        }
    }

    private static void CheckRoute(RecipientRoute route, string key)
    {
        switch (route.Scope)
        {
            case "PROVINCE" or "OPS":
                break;
            case "LEVEL":
                Require(route.Id is "1" or "2" or "3", $"{key}:Id '{route.Id}' must be the level 1, 2 or 3 for a LEVEL route.");
                break;
            case "UNIT":
                Require(!string.IsNullOrEmpty(route.Id), $"{key}:Id must be the unit_id for a UNIT route.");
                break;
            default:
                throw new ConfigurationException($"{key}:Scope '{route.Scope}' is not one of PROVINCE, LEVEL, UNIT, OPS.");
        }

        Require(route.To.Count > 0, $"{key}:To lists no address.");
        for (var a = 0; a < route.To.Count; a++)
        {
            Require(IsAddress(route.To[a]), $"{key}:To:{a} '{route.To[a]}' is not an email address.");
        }
    }

    private void CheckSmtp(SmtpOptions smtp)
    {
        Require(string.IsNullOrWhiteSpace(smtp.Host) || Uri.CheckHostName(smtp.Host) != UriHostNameType.Unknown,
            $"Email:Smtp:Host '{smtp.Host}' is not a host name or IP address.");
        Require(smtp.Port is > 0 and <= 65535, "Email:Smtp:Port must be between 1 and 65535.");
        Require(smtp.Timeout >= TimeSpan.FromSeconds(1) && smtp.Timeout <= TimeSpan.FromMinutes(10),
            "Email:Smtp:Timeout must be between 00:00:01 and 00:10:00.");

        // UseStartTls defaults to true, so only a value written next to ImplicitTls contradicts it.
        var startTlsWritten = configuration[$"{EmailOptions.Section}:Smtp:UseStartTls"] is not null;
        Require(!(smtp.ImplicitTls && smtp.UseStartTls && startTlsWritten),
            "Email:Smtp:ImplicitTls and Email:Smtp:UseStartTls are both true: use ImplicitTls for an SMTPS port (465) or UseStartTls for a submission port (587), not both.");
        if (!string.IsNullOrWhiteSpace(smtp.ServerCertificateThumbprint))
        {
            Require(Email.CertificateThumbprint.TryParse(smtp.ServerCertificateThumbprint, out _),
                "Email:Smtp:ServerCertificateThumbprint must be the server certificate's SHA-256 (64 hex digits) or SHA-1 (40 hex digits) thumbprint.");
            Require(smtp.ImplicitTls || smtp.UseStartTls,
                "Email:Smtp:ServerCertificateThumbprint is set but the connection has no TLS to check it against: set Email:Smtp:UseStartTls or Email:Smtp:ImplicitTls to true.");
        }
    }

    private static bool IsAddress(string? text) => Email.MailAddresses.IsAddress(text);
}
