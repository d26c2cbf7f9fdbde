using MimeKit;

namespace KpiIngest.Worker.Email;

/// <summary>
/// The one rule for what counts as an address, used both to check Email:From and Email:Recipients at start and to
/// build the messages, so an address the settings accepted is always one a message can carry.
/// </summary>
public static class MailAddresses
{
    /// <summary>A bare local part ("postmaster") would be accepted by MimeKit's defaults; a digest needs a domain.</summary>
    private static readonly ParserOptions Strict = new() { AllowAddressesWithoutDomain = false };

    /// <summary>True for exactly one bare address (no display name, no list, nothing around it).</summary>
    public static bool IsAddress(string? text) =>
        !string.IsNullOrWhiteSpace(text)
        && MailboxAddress.TryParse(Strict, text, out var mailbox)
        && string.Equals(mailbox.Address, text.Trim(), StringComparison.Ordinal);

    public static MailboxAddress Mailbox(string address, string? displayName = null) =>
        new(displayName, MailboxAddress.Parse(Strict, address).Address);
}
