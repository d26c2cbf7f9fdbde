using System.Security.Cryptography;
using System.Text.RegularExpressions;
using MimeKit;

namespace KpiIngest.Worker.Email;

/// <summary>
/// Moves the PNG data URIs of a queued HTML body (the digest's charts, <see cref="DigestRenderer"/>) into inline parts
/// of the message: most mail clients (Gmail, Outlook) do not show data: images, but do show a multipart/related part
/// referenced by <c>cid:</c>. The Content-ID is the image's hash, so a resend of the same digest is the same message.
/// </summary>
public static partial class InlineImages
{
    /// <summary>Rewrites each PNG data URI of <paramref name="html"/> to a cid: of an inline part added to <paramref name="body"/>.</summary>
    public static string MoveInto(BodyBuilder body, string html)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(html);
        return PngDataUri().Replace(html, match =>
        {
            var bytes = Convert.FromBase64String(match.Groups["data"].Value);
            var contentId = $"chart-{Convert.ToHexStringLower(SHA256.HashData(bytes))[..24]}@kpi-ingest";
            if (!body.LinkedResources.Any(r => r.ContentId == contentId))
            {
                var part = body.LinkedResources.Add(contentId.Split('@')[0] + ".png", bytes, new ContentType("image", "png"));
                part.ContentId = contentId;
            }

            return $"src=\"cid:{contentId}\"";
        });
    }

    /// <summary>Only what the renderer writes: an src attribute holding a base64 PNG (source text is HTML-encoded, so it never forms one).</summary>
    [GeneratedRegex("src=\"data:image/png;base64,(?<data>[A-Za-z0-9+/=]+)\"")]
    private static partial Regex PngDataUri();
}
