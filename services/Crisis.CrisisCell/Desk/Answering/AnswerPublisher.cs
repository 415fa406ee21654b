using System.Text.Json;
using Crisis.CrisisCell.Desk.Configuring;
using Microsoft.Extensions.Options;

namespace Crisis.CrisisCell.Desk.Answering;

/// <summary>The answer as it leaves the desk.</summary>
public sealed record OutboundAnswer(
    string AnswerId, string OrganisationId, string BrandId, string ConversationId, string Platform, string ReplyToPostId, string Text, string Language,
    string SentBy);

/// <summary>What the publisher confirmed: the answer's public link and post id when the platform gave them.</summary>
public sealed record PublishedAnswer(string Publisher, Uri? PublicUrl, string? PostId);

public sealed class AnswerNotPublishedException(string reason) : Exception(reason);

/// <summary>Publishes answers. Pluggable: a platform connector may replace the default signed webhook for its platform.</summary>
public interface IAnswerPublisher
{
    /// <summary>True when this publisher can send for the organisation and platform.</summary>
    bool Serves(string organisationId, string platform);

    /// <summary>Returns only once the answer is out; throws <see cref="AnswerNotPublishedException"/> when it is not.</summary>
    Task<PublishedAnswer> PublishAsync(OutboundAnswer answer, CancellationToken ct);
}

/// <summary>The default publisher: the organisation's own tooling receives a signed webhook and posts the answer.</summary>
public sealed class WebhookAnswerPublisher(SignedWebhook webhook, IOptions<DeskOptions> options) : IAnswerPublisher
{
    public const string Name = "webhook";

    public bool Serves(string organisationId, string platform) => options.Value.For(organisationId).AnswerWebhook is not null;

    public async Task<PublishedAnswer> PublishAsync(OutboundAnswer answer, CancellationToken ct)
    {
        var target = options.Value.For(answer.OrganisationId).AnswerWebhook ?? throw new AnswerNotPublishedException("no answer webhook is configured");
        var reply = await webhook.PostAsync(target, answer.AnswerId, new { kind = "desk.answer", answer }, ct);
        if (!reply.Delivered) throw new AnswerNotPublishedException(reply.Failure ?? "not delivered");
        return new PublishedAnswer(Name, UrlOf(reply.Body), StringOf(reply.Body, "postId", 200));
    }

    /// <summary>Only an absolute http(s) link is kept: the receiver's answer is input like any other.</summary>
    private static Uri? UrlOf(JsonElement? body) =>
        StringOf(body, "url", 2048) is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri : null;

    public static string? StringOf(JsonElement? body, string name, int maxLength) =>
        body is { } b && b.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s
            && s.Length <= maxLength && !s.Any(char.IsControl) ? s : null;
}
