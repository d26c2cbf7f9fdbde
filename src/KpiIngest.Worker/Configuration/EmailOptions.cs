namespace KpiIngest.Worker.Configuration;

/// <summary>Section Email: sender, transport and recipient routes.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public string From { get; set; } = "kpi-ingest@localhost";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>Where .eml files go when no SMTP host is set.</summary>
    public string PickupDirectory { get; set; } = "data/outbox";

    public List<RecipientRoute> Recipients { get; set; } = [];
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>STARTTLS required (port 587); false with <see cref="ImplicitTls"/> false is a plain connection.</summary>
    public bool UseStartTls { get; set; } = true;

    /// <summary>TLS from the first byte (SMTPS, port 465) instead of STARTTLS.</summary>
    public bool ImplicitTls { get; set; }

    /// <summary>How long connecting, the TLS handshake or any one command may wait for the server.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Hex SHA-256 or SHA-1 thumbprint of the one server certificate to accept even when no trusted chain vouches for
    /// it (an internal relay's self-signed certificate); without it the normal chain and name validation applies.
    /// </summary>
    public string? ServerCertificateThumbprint { get; set; }

    public string? UserName { get; set; }

    public string? Password { get; set; }
}

/// <summary>Who receives what: PROVINCE every alert, LEVEL its level's, UNIT its unit's, OPS the service's own failures.</summary>
public sealed class RecipientRoute
{
    public string Scope { get; set; } = "";

    /// <summary>The level (LEVEL) or unit_id (UNIT).</summary>
    public string? Id { get; set; }

    public List<string> To { get; set; } = [];
}
