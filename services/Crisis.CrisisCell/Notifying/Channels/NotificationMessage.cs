using System.Globalization;
using Crisis.CrisisCell.Incidents;
using Crisis.CrisisCell.OnCall.Planning;

namespace Crisis.CrisisCell.Notifying.Channels;

/// <summary>
/// What every channel says, whatever its shape: what is happening, the top evidence, the next playbook step with
/// its deadline, and how to acknowledge. Built from the incident as it stands when the message goes out.
/// </summary>
/// <param name="TopPosts">Resolved (<see cref="Incidents.QuotingPosts.QuotedPosts"/>) before the message is sent.</param>
public sealed record NotificationMessage(
    string IncidentId,
    string IdempotencyKey,
    NotificationKind Kind,
    int Level,
    string Recipient,
    string BrandId,
    string Title,
    int Severity,
    string Phase,
    double? NegativeShare,
    long Mentions,
    IReadOnlyList<EvidencePost> TopPosts,
    string? NextStep,
    DateTimeOffset? NextStepDeadline,
    Uri AcknowledgeUrl)
{
    /// <summary>How many posts a message quotes: enough to judge, short enough to read on a phone.</summary>
    public const int PostsQuoted = 3;

    public static NotificationMessage From(Incident incident, NotificationKind kind, int level, string recipient, string key, Uri publicBaseUrl)
    {
        var stage = incident.CurrentStage;
        return new NotificationMessage(
            incident.IncidentId, key, kind, level, recipient, incident.BrandId, incident.Title, incident.Severity,
            stage is null ? incident.Status.ToString() : string.Create(CultureInfo.InvariantCulture, $"{incident.Status}, stage {stage.Name}"),
            incident.Evidence.NegativeShare, incident.Evidence.Mentions,
            [.. incident.Evidence.TopNegativePosts.OrderByDescending(p => p.Followers).Take(PostsQuoted)],
            stage?.Name, stage?.Deadline,
            new Uri(publicBaseUrl, $"api/incidents/{Uri.EscapeDataString(incident.IncidentId)}/acknowledge"));
    }

    /// <summary>One line saying what is happening: the subject of an e-mail, the text of a chat message.</summary>
    public string Headline => Kind switch
    {
        NotificationKind.Page => string.Create(CultureInfo.InvariantCulture, $"[Crisis L{Level}] {BrandId}: severity {Severity}/10 - {Title}"),
        NotificationKind.Escalated => string.Create(CultureInfo.InvariantCulture, $"[Crisis escalated to L{Level}] {BrandId}: severity {Severity}/10 - {Title}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"[Crisis worsening] {BrandId}: severity {Severity}/10 - {Title}"),
    };

    public string EvidenceLine => NegativeShare is { } share
        ? string.Create(CultureInfo.InvariantCulture, $"{Mentions} mentions, {share * 100:0}% negative")
        : string.Create(CultureInfo.InvariantCulture, $"{Mentions} mentions");

    public string NextStepLine => NextStep is null
        ? "No playbook step pending"
        : string.Create(CultureInfo.InvariantCulture, $"Next step: {NextStep}, due {NextStepDeadline:yyyy-MM-dd HH:mm} UTC");

    public string AcknowledgeLine => $"Acknowledge: POST {AcknowledgeUrl}";

    /// <summary>The delivery's idempotency key, as every payload shows it: the same on each copy of one delivery.</summary>
    public string DeliveryKeyLine => $"Delivery key: {IdempotencyKey}";

    /// <summary>
    /// A short reference to the delivery key (the first 8 hex digits of its SHA-256, as the e-mail's Message-ID begins):
    /// where a whole key does not fit, such as a subject line.
    /// </summary>
    public string DeliveryReference =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(IdempotencyKey)))[..8];

    /// <summary>A post's author and reach, as quoted under the post.</summary>
    public static string Byline(EvidencePost post) =>
        string.Create(CultureInfo.InvariantCulture, $"@{post.Author} ({post.Followers:N0} followers, {post.Platform})");

    /// <summary>
    /// Right-to-left scripts are wrapped in Unicode isolates (RLI ... PDI) in plain text, so a Latin byline next to
    /// an Arabic excerpt does not scramble it; the excerpt's own characters are never altered.
    /// </summary>
    public static string IsolatedExcerpt(EvidencePost post) =>
        IsRightToLeft(post.Language) ? "\u2067" + post.Excerpt + "\u2069" : post.Excerpt ?? "";

    public static bool IsRightToLeft(string language) =>
        language.Split('-', '_')[0].ToLowerInvariant() is "ar" or "he" or "fa" or "ur";
}
