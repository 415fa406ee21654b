using System.Globalization;
using System.Net;
using System.Text;
using MimeKit;

namespace Crisis.CrisisCell.Notifying.Channels;

/// <summary>The e-mail: plain text and HTML alternatives; right-to-left posts keep their direction in both.</summary>
public static class EmailContent
{
    public static MimeMessage Build(NotificationMessage message, string from, string to)
    {
        var mail = new MimeMessage();
        mail.From.Add(MailboxAddress.Parse(from));
        mail.To.Add(MailboxAddress.Parse(to));
        // The delivery's reference in the subject too: a repeat reads as one in any client, even one that ignores Message-IDs.
        mail.Subject = $"{message.Headline} [ref {message.DeliveryReference}]";
        // Lets a receiving system (and our own tests) tie a mail to its delivery without parsing the body.
        mail.Headers.Add("X-Crisis-Idempotency-Key", message.IdempotencyKey);
        // The same Message-ID on every attempt of a delivery: mail stores that dedupe on it (Gmail, many IMAP
        // servers and clients) show a resent page once.
        mail.MessageId = MessageIdFor(message.IdempotencyKey, from);
        mail.Body = new BodyBuilder { TextBody = Text(message), HtmlBody = Html(message) }.ToMessageBody();
        return mail;
    }

    /// <summary>A Message-ID derived from the delivery key (hashed: keys hold characters a Message-ID may not), at the sender's domain.</summary>
    public static string MessageIdFor(string idempotencyKey, string from)
    {
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..32];
        var domain = MailboxAddress.Parse(from).Domain;
        return $"{hash}.crisis@{(string.IsNullOrEmpty(domain) ? "localhost" : domain)}";
    }

    public static string Text(NotificationMessage message)
    {
        var text = new StringBuilder()
            .AppendLine(message.Headline)
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"{message.Label("brand")}: {message.BrandDisplay}")
            .AppendLine(CultureInfo.InvariantCulture, $"{message.Label("severity")}: {message.SeverityLine}")
            .AppendLine(CultureInfo.InvariantCulture, $"{message.Label("phase")}: {message.PhaseLine}")
            .AppendLine(CultureInfo.InvariantCulture, $"{message.Label("evidence")}: {message.EvidenceLine}")
            .AppendLine();
        foreach (var post in message.TopPosts)
            text.AppendLine(CultureInfo.InvariantCulture, $"> {NotificationMessage.IsolatedExcerpt(post)}").AppendLine(CultureInfo.InvariantCulture, $"  {message.Byline(post)}");
        return text.AppendLine()
            .AppendLine(message.NextStepLine)
            .AppendLine(message.AcknowledgeLine)
            .AppendLine(message.DeliveryKeyLine)
            .ToString();
    }

    public static string Html(NotificationMessage message)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"").Append(message.Language.Code).Append("\" dir=\"").Append(message.Language.Direction).Append("\"><head><meta charset=\"utf-8\"></head><body>")
            .Append("<h2>").Append(E(message.Headline)).Append("</h2><ul>")
            .Append("<li>").Append(E(message.Label("brand"))).Append(": <bdi>").Append(E(message.BrandDisplay)).Append("</bdi></li>")
            .Append("<li>").Append(E(message.Label("severity"))).Append(": ").Append(E(message.SeverityLine)).Append("</li>")
            .Append("<li>").Append(E(message.Label("phase"))).Append(": ").Append(E(message.PhaseLine)).Append("</li>")
            .Append("<li>").Append(E(message.Label("evidence"))).Append(": ").Append(E(message.EvidenceLine)).Append("</li></ul>");
        foreach (var post in message.TopPosts)
        {
            var dir = NotificationMessage.IsRightToLeft(post.Language) ? "rtl" : "ltr";
            html.Append("<blockquote dir=\"").Append(dir).Append("\" lang=\"").Append(E(post.Language)).Append("\">")
                .Append(E(post.Excerpt ?? "")).Append("</blockquote><p>").Append(E(message.Byline(post))).Append("</p>");
        }
        return html.Append("<p><strong>").Append(E(message.NextStepLine)).Append("</strong></p>")
            .Append("<p>").Append(E(NotificationMessage.Texts.Text(message.Language, "toAcknowledge"))).Append(" <code dir=\"ltr\">POST ").Append(E(message.AcknowledgeUrl.ToString())).Append("</code></p>")
            .Append("<p><small>").Append(E(message.DeliveryKeyLine)).Append("</small></p>")
            .Append("</body></html>")
            .ToString();
    }
}
