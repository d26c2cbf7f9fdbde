using System.Text;
using System.Text.RegularExpressions;

namespace KpiIngest.IntegrationTests.Email;

/// <summary>
/// A received message, read from its raw RFC 5322 text just far enough for the tests: unfolded headers, RFC 2047
/// encoded words in the subject, and the text parts of a (possibly multipart) body decoded from base64 or
/// quoted-printable in their charset. MimeKit is not served here (packages.md).
/// </summary>
public sealed partial class EmlMessage
{
    private readonly List<(string Name, string Value)> _headers;

    private EmlMessage(List<(string Name, string Value)> headers, IReadOnlyList<EmlPart> parts, IReadOnlyList<string> envelopeRecipients, string fileName)
    {
        _headers = headers;
        Parts = parts;
        EnvelopeRecipients = envelopeRecipients;
        FileName = fileName;
    }

    /// <summary>RCPT TO addresses the server accepted for this message (empty when the file carries none).</summary>
    public IReadOnlyList<string> EnvelopeRecipients { get; }

    public string FileName { get; }

    public IReadOnlyList<EmlPart> Parts { get; }

    /// <summary>The raw (still encoded) subject header, to check it was sent as UTF-8 encoded words.</summary>
    public string RawSubject => Header("Subject") ?? "";

    public string Subject => DecodeWords(RawSubject);

    public string? MessageId => Header("Message-ID");

    public string? To => Header("To");

    public string? From => Header("From");

    public string? Html => Parts.FirstOrDefault(p => p.MediaType == "text/html")?.Text;

    public string? PlainText => Parts.FirstOrDefault(p => p.MediaType == "text/plain")?.Text;

    public string? Header(string name) =>
        _headers.Where(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();

    /// <summary>Reads <paramref name="emlPath"/>, and its envelope recipients from the .rcpt file beside it when there is one.</summary>
    public static EmlMessage Load(string emlPath)
    {
        // The message is 7-bit or UTF-8 text; Latin-1 keeps every byte as one char so encoded parts decode exactly.
        var raw = File.ReadAllText(emlPath, Encoding.Latin1);
        var rcptPath = Path.ChangeExtension(emlPath, ".rcpt");
        var recipients = File.Exists(rcptPath)
            ? File.ReadAllLines(rcptPath, Encoding.UTF8).Where(l => l.Length > 0).ToList()
            : [];
        var (headers, body) = Split(raw);
        return new EmlMessage(headers, ReadParts(headers, body), recipients, Path.GetFileName(emlPath));
    }

    /// <summary>RFC 2047: decodes =?charset?B|Q?…?= words; adjacent words are joined (their bytes, so a split character survives).</summary>
    public static string DecodeWords(string value)
    {
        var result = new StringBuilder();
        var pending = new List<byte>();
        Encoding? pendingCharset = null;
        var position = 0;
        foreach (Match word in EncodedWord().Matches(value))
        {
            var between = value[position..word.Index];
            if (pending.Count > 0 && between.Trim().Length == 0)
            {
                // Whitespace between two encoded words is not part of the text (RFC 2047, 6.2).
            }
            else
            {
                Flush();
                result.Append(between);
            }

            var charset = Encoding.GetEncoding(word.Groups["charset"].Value);
            if (pendingCharset is not null && pendingCharset.WebName != charset.WebName)
            {
                Flush();
            }

            pendingCharset = charset;
            var text = word.Groups["text"].Value;
            pending.AddRange(string.Equals(word.Groups["encoding"].Value, "B", StringComparison.OrdinalIgnoreCase)
                ? Convert.FromBase64String(text)
                : QuotedPrintable(text.Replace('_', ' ')));
            position = word.Index + word.Length;
        }

        Flush();
        result.Append(value[position..]);
        return result.ToString();

        void Flush()
        {
            if (pending.Count > 0)
            {
                result.Append(pendingCharset!.GetString([.. pending]));
                pending.Clear();
            }
        }
    }

    private static (List<(string Name, string Value)> Headers, string Body) Split(string raw)
    {
        var normalized = raw.Replace("\r\n", "\n", StringComparison.Ordinal);
        var end = normalized.IndexOf("\n\n", StringComparison.Ordinal);
        var head = end < 0 ? normalized : normalized[..end];
        var body = end < 0 ? "" : normalized[(end + 2)..];
        var headers = new List<(string Name, string Value)>();
        foreach (var line in head.Split('\n'))
        {
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t') && headers.Count > 0)
            {
                var (name, value) = headers[^1];
                headers[^1] = (name, value + " " + line.Trim());
            }
            else if (line.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon)
            {
                headers.Add((line[..colon].Trim(), line[(colon + 1)..].Trim()));
            }
        }

        return (headers, body);
    }

    private static List<EmlPart> ReadParts(List<(string Name, string Value)> headers, string body)
    {
        var contentType = headers.Where(h => h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault()
            ?? "text/plain; charset=us-ascii";
        var mediaType = contentType.Split(';')[0].Trim().ToLowerInvariant();
        if (!mediaType.StartsWith("multipart/", StringComparison.Ordinal))
        {
            var encoding = headers.Where(h => h.Name.Equals("Content-Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
                .Select(h => h.Value).FirstOrDefault();
            return [new EmlPart(mediaType, Decode(body, encoding, Parameter(contentType, "charset")))];
        }

        var boundary = Parameter(contentType, "boundary")
            ?? throw new FormatException($"A multipart message without a boundary: {contentType}");
        var parts = new List<EmlPart>();
        var delimiter = "--" + boundary;
        foreach (var chunk in body.Split(delimiter).Skip(1))
        {
            if (chunk.StartsWith("--", StringComparison.Ordinal))
            {
                break;
            }

            var (partHeaders, partBody) = Split(chunk.TrimStart('\n'));
            parts.AddRange(ReadParts(partHeaders, partBody));
        }

        return parts;
    }

    private static string Decode(string body, string? transferEncoding, string? charset)
    {
        var encoding = Encoding.GetEncoding(charset ?? "us-ascii");
        byte[] bytes = transferEncoding?.Trim().ToLowerInvariant() switch
        {
            "base64" => Convert.FromBase64String(string.Concat(body.Where(c => !char.IsWhiteSpace(c)))),
            "quoted-printable" => QuotedPrintable(body.Replace("=\n", "", StringComparison.Ordinal)),
            _ => Encoding.Latin1.GetBytes(body),
        };
        return encoding.GetString(bytes).Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n');
    }

    private static byte[] QuotedPrintable(string text)
    {
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.Add((byte)text[i]);
            }
        }

        return [.. bytes];
    }

    private static string? Parameter(string headerValue, string name)
    {
        var match = Regex.Match(headerValue, $@";\s*{name}\s*=\s*(""(?<v>[^""]*)""|(?<v>[^;\s]+))", RegexOptions.IgnoreCase);
        return match.Success ? match.Groups["v"].Value : null;
    }

    [GeneratedRegex(@"=\?(?<charset>[^?]+)\?(?<encoding>[BbQq])\?(?<text>[^?]*)\?=")]
    private static partial Regex EncodedWord();
}

/// <summary>One leaf part of a message: its media type and decoded text.</summary>
public sealed record EmlPart(string MediaType, string Text);
