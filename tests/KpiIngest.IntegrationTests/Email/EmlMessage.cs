using System.Text;
using MimeKit;

namespace KpiIngest.IntegrationTests.Email;

/// <summary>
/// A received or picked-up message, parsed by MimeKit (the library the worker writes it with, but reading the raw
/// file, so a message it cannot parse back fails here), with its envelope recipients from the .rcpt file the test
/// SMTP server writes beside it.
/// </summary>
public sealed class EmlMessage
{
    private readonly MimeMessage _message;

    private EmlMessage(MimeMessage message, IReadOnlyList<string> envelopeRecipients, string fileName)
    {
        _message = message;
        EnvelopeRecipients = envelopeRecipients;
        FileName = fileName;
        Parts = [.. message.BodyParts.OfType<TextPart>().Select(p => new EmlPart(p.ContentType.MimeType.ToLowerInvariant(), Normalized(p.Text)))];
    }

    /// <summary>RCPT TO addresses the server accepted for this message (empty when the file carries none).</summary>
    public IReadOnlyList<string> EnvelopeRecipients { get; }

    public string FileName { get; }

    /// <summary>The text leaves of the body, decoded from their transfer encoding and charset.</summary>
    public IReadOnlyList<EmlPart> Parts { get; }

    /// <summary>The raw (still encoded, unfolded) subject header, to check it was sent as UTF-8 encoded words.</summary>
    public string RawSubject =>
        _message.Headers.FirstOrDefault(h => h.Id == HeaderId.Subject) is { } subject
            ? Encoding.Latin1.GetString(subject.RawValue).Replace("\r\n", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal).Trim()
            : "";

    public string Subject => _message.Subject ?? "";

    public string? MessageId => Header("Message-ID");

    public string? To => Header("To");

    public string? From => Header("From");

    public string? Html => Parts.FirstOrDefault(p => p.MediaType == "text/html")?.Text;

    public string? PlainText => Parts.FirstOrDefault(p => p.MediaType == "text/plain")?.Text;

    /// <summary>The first header of that name (any case), decoded and unfolded.</summary>
    public string? Header(string name) => _message.Headers[name]?.Trim();

    /// <summary>Reads <paramref name="emlPath"/>, and its envelope recipients from the .rcpt file beside it when there is one.</summary>
    public static EmlMessage Load(string emlPath)
    {
        var rcptPath = Path.ChangeExtension(emlPath, ".rcpt");
        var recipients = File.Exists(rcptPath)
            ? File.ReadAllLines(rcptPath, Encoding.UTF8).Where(l => l.Length > 0).ToList()
            : [];
        return new EmlMessage(MimeMessage.Load(emlPath), recipients, Path.GetFileName(emlPath));
    }

    private static string Normalized(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n');
}

/// <summary>One leaf part of a message: its media type and decoded text.</summary>
public sealed record EmlPart(string MediaType, string Text);
