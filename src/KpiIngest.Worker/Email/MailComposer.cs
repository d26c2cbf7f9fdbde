using MimeKit;

namespace KpiIngest.Worker.Email;

/// <summary>
/// Builds what KpiIngest mails: from "KpiIngest" &lt;Email:From&gt; to one address, a UTF-8 subject, a stable
/// Message-ID (so a resend after a crash is recognisably the same message), and a plain-text body with an optional
/// HTML alternative, whose PNG images travel as inline parts (<see cref="InlineImages"/>).
/// </summary>
public static class MailComposer
{
    public const string SenderName = "KpiIngest";

    public static MimeMessage Compose(string from, string to, string subject, string messageId, string text, string? html = null)
    {
        var body = new BodyBuilder { TextBody = text };
        body.HtmlBody = html is null ? null : InlineImages.MoveInto(body, html);
        var message = new MimeMessage
        {
            // A subject is one header line: a line break in it would start a forged header.
            Subject = subject.Replace('\r', ' ').Replace('\n', ' '),
            MessageId = messageId.Trim('<', '>'),
            Body = body.ToMessageBody(),
        };
        message.From.Add(MailAddresses.Mailbox(from, SenderName));
        message.To.Add(MailAddresses.Mailbox(to));
        return message;
    }
}
