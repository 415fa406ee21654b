using System.Globalization;
using System.Text;
using System.Text.Json;
using Crisis.CrisisCell.Desk.Answering;
using Crisis.CrisisCell.Notifying.Channels;
using MimeKit;

namespace Crisis.CrisisCell.Desk.HandingOver;

/// <summary>
/// The case as an e-mail to customer service's mailbox: readable words first (what was promised, who, what they wrote, how
/// to report the outcome), and the webhook's JSON attached as <c>case.json</c> for a ticketing tool that reads mail.
/// </summary>
public static class HandoverMail
{
    public const string AttachmentName = "case.json";

    public static MimeMessage Build(HandoverCase handover, string from, string to, Uri publicBaseUrl)
    {
        var mail = new MimeMessage();
        mail.From.Add(MailboxAddress.Parse(from));
        mail.To.AddRange(InternetAddressList.Parse(to));
        mail.Subject = $"Case from the response desk: {handover.Author} ({handover.BrandId}, {handover.Platform}) [handover {handover.HandoverId}]";
        // The handover id is the receiver's idempotency key, as in the webhook; the Message-ID follows from it, so a retried
        // handover is the same mail to every store that dedupes on Message-IDs, and it is the case's reference here.
        mail.Headers.Add(WebhookPayload.IdempotencyHeader, handover.HandoverId);
        mail.MessageId = MessageIdOf(handover, from);
        var json = new MimePart("application", "json")
        {
            Content = new MimeContent(new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(handover, SignedWebhook.Json))),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = AttachmentName,
        };
        mail.Body = new Multipart("mixed") { new TextPart("plain") { Text = Text(handover, publicBaseUrl) }, json };
        return mail;
    }

    public static string MessageIdOf(HandoverCase handover, string from) =>
        EmailContent.MessageIdFor($"{HandoverCase.KindName}/{handover.OrganisationId}/{handover.ConversationId}/{handover.HandoverId}", from);

    public static string Text(HandoverCase handover, Uri publicBaseUrl)
    {
        var text = new StringBuilder()
            .AppendLine("The response desk hands this person over to customer service.")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Promised: {handover.Promised}")
            .AppendLine(CultureInfo.InvariantCulture, $"Author: {handover.Author}")
            .AppendLine(CultureInfo.InvariantCulture, $"Brand: {handover.BrandId}")
            .AppendLine(CultureInfo.InvariantCulture, $"Platform: {handover.Platform}")
            .AppendLine(CultureInfo.InvariantCulture, $"Conversation: {handover.ConversationId}")
            .AppendLine(CultureInfo.InvariantCulture, $"Handed over by: {handover.HandedOverBy}")
            .AppendLine()
            .AppendLine("What they wrote:");
        foreach (var post in handover.Posts)
        {
            // Each post isolated (first-strong isolate … pop) so an Arabic post keeps its direction and never reorders the line around it.
            text.AppendLine(CultureInfo.InvariantCulture, $"- {post.PublishedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC ({post.Language}): \u2068{post.Text ?? "(words not kept)"}\u2069");
        }
        return text.AppendLine()
            .AppendLine("When the case ends, report its outcome (Resolved, Unresolved or CustomerUnreachable) with a token of the organisation:")
            .AppendLine(CultureInfo.InvariantCulture, $"{handover.Callback.Method} {new Uri(publicBaseUrl, handover.Callback.Path)}")
            .AppendLine("""{ "outcome": "Resolved", "note": "…" }""")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"The same case as JSON is attached ({AttachmentName}).")
            .ToString();
    }
}
