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
        InlineImages = [.. message.BodyParts.OfType<MimePart>().Where(p => p is not TextPart && p.ContentType.MediaType == "image")
            .Select(p => new EmlImage(p.ContentId ?? "", p.ContentType.MimeType.ToLowerInvariant(), p.ContentDisposition?.Disposition, Decoded(p),
                IsRelatedTo(message, p)))];
    }

    /// <summary>The image leaves of the body: what an HTML part shows through cid: references.</summary>
    public IReadOnlyList<EmlImage> InlineImages { get; }

    /// <summary>The HTML part with each cid: image replaced by a data URI of its part, so a browser shows it as a mail client does.</summary>
    public string HtmlWithImagesInline() => InlineImages.Aggregate(
        Html ?? "",
        (html, image) => html.Replace($"cid:{image.ContentId}", $"data:{image.MediaType};base64,{Convert.ToBase64String(image.Bytes)}", StringComparison.Ordinal));

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

    private static byte[] Decoded(MimePart part)
    {
        using var bytes = new MemoryStream();
        part.Content?.DecodeTo(bytes);
        return bytes.ToArray();
    }

    /// <summary>Whether the part sits in a multipart/related beside the HTML part (what lets a client resolve its cid).</summary>
    private static bool IsRelatedTo(MimeMessage message, MimePart part)
    {
        using var iterator = new MimeIterator(message);
        while (iterator.MoveNext())
        {
            if (iterator.Current == part)
            {
                return iterator.Parent is MultipartRelated related
                    && related.OfType<TextPart>().Any(p => p.ContentType.MimeType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
            }
        }

        return false;
    }

    private static string Normalized(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n');
}

/// <summary>One leaf part of a message: its media type and decoded text.</summary>
public sealed record EmlPart(string MediaType, string Text);

/// <summary>An image leaf of a message: its Content-ID (without angle brackets), type, disposition, decoded bytes and whether it is related to the HTML part.</summary>
public sealed record EmlImage(string ContentId, string MediaType, string? Disposition, byte[] Bytes, bool RelatedToHtml);
