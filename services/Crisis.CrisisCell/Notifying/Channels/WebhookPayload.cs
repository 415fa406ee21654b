using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Crisis.CrisisCell.Notifying.Channels;

/// <summary>The generic webhook: the message as JSON, signed so the receiver can check it came from us.</summary>
public static class WebhookPayload
{
    public const string SignatureHeader = "X-Crisis-Signature";
    public const string TimestampHeader = "X-Crisis-Timestamp";
    public const string IdempotencyHeader = "X-Crisis-Idempotency-Key";

    public static string Body(NotificationMessage message) => JsonSerializer.Serialize(new
    {
        message.IncidentId,
        message.IdempotencyKey,
        Kind = message.Kind.ToString(),
        message.Level,
        message.Recipient,
        message.BrandId,
        // For people: the brand's registered name, and the language the texts (headline, phase) are written in.
        BrandName = message.BrandDisplay,
        Language = message.Language.Tag,
        message.Title,
        message.Severity,
        message.Phase,
        message.Headline,
        Evidence = new
        {
            message.Mentions,
            message.NegativeShare,
            TopPosts = message.TopPosts.Select(p => new { p.Platform, p.PostId, p.Author, p.Followers, p.Language, p.Excerpt }),
        },
        NextStep = message.NextStep is null ? null : new { Name = message.NextStep, Deadline = message.NextStepDeadline },
        Acknowledge = new { Method = "POST", Url = message.AcknowledgeUrl },
    }, ChannelJson.Options);

    /// <summary><c>sha256=</c> and the lower-case hex HMAC-SHA256 of the exact body bytes, keyed with the endpoint's secret.</summary>
    public static string Signature(string body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    public static string Timestamp(DateTimeOffset now) => now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
