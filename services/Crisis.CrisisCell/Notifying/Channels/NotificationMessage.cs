using System.Globalization;
using Crisis.CrisisCell.Incidents;
using Crisis.CrisisCell.OnCall.Planning;
using Crisis.ServiceDefaults.Localisation;

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

    /// <summary>The texts of every channel, per language (Texts/notifications.{en,fr,ar}.json).</summary>
    public static readonly TextCatalogue Texts = TextCatalogue.FromResources(typeof(NotificationMessage).Assembly, "Crisis.CrisisCell.Notifying.notifications");

    /// <summary>The language the recipient reads (their contact endpoint's, else their organisation's on-call default).</summary>
    public UiLanguage Language { get; init; } = UiLanguage.English;

    /// <summary>The brand's registered name, for people; <see cref="BrandId"/> stays in what machines read.</summary>
    public string? BrandName { get; init; }

    /// <summary>The incident's status and current stage, to say the phase in the reader's language.</summary>
    public string? Status { get; init; }

    public string? StageId { get; init; }

    public static NotificationMessage From(Incident incident, NotificationKind kind, int level, string recipient, string key, Uri publicBaseUrl)
    {
        var stage = incident.CurrentStage;
        return new NotificationMessage(
            incident.IncidentId, key, kind, level, recipient, incident.BrandId, incident.Title, incident.Severity,
            stage is null ? incident.Status.ToString() : string.Create(CultureInfo.InvariantCulture, $"{incident.Status}, stage {stage.Name}"),
            incident.Evidence.NegativeShare, incident.Evidence.Mentions,
            [.. incident.Evidence.TopNegativePosts.OrderByDescending(p => p.Followers).Take(PostsQuoted)],
            stage?.Name, stage?.Deadline,
            new Uri(publicBaseUrl, $"api/incidents/{Uri.EscapeDataString(incident.IncidentId)}/acknowledge"))
        {
            Status = incident.Status.ToString(),
            StageId = stage?.StageId,
        };
    }

    private string T(string key, params (string Name, object? Value)[] values) => Texts.Text(Language, key, values);

    /// <summary>A label of the channels' layouts ("Brand", "Severity"...), in the reader's language.</summary>
    public string Label(string name) => T($"label.{name}");

    public string BrandDisplay => BrandName ?? BrandId;

    /// <summary>One line saying what is happening: the subject of an e-mail, the text of a chat message.</summary>
    public string Headline => T($"headline.{Kind}", ("level", Level), ("brand", BrandDisplay), ("severity", Severity), ("max", 10), ("title", TitleLine));

    /// <summary>The incident's title; the detector's default one in the reader's language, with the brand's name.</summary>
    public string TitleLine => Incidents.Opening.IncidentTitles.IsBuzz(Title, BrandId, BrandName) ? T("buzzTitle", ("brand", BrandDisplay)) : Title;

    public string SeverityLine => T("severityValue", ("severity", Severity), ("max", 10));

    /// <summary>The status and the stage, in the reader's language (<see cref="Phase"/> keeps the English form machines read).</summary>
    public string PhaseLine => Status is null
        ? Phase
        : NextStep is null
            ? Texts.Shipped(Language, $"status.{Status}", Status)
            : T("phase", ("status", Texts.Shipped(Language, $"status.{Status}", Status)), ("stage", StageName));

    private string StageName => NextStep is null ? "" : StageId is null ? NextStep : Texts.Shipped(Language, $"stage.{StageId}", NextStep);

    public string EvidenceLine => NegativeShare is { } share
        ? T("evidence", ("mentions", Mentions), ("share", Math.Round(share * 100)))
        : T("evidenceNoShare", ("mentions", Mentions));

    public string NextStepLine => NextStep is null
        ? T("noStep")
        : T("nextStep", ("step", StageName), ("due", Language.Localise(string.Create(CultureInfo.InvariantCulture, $"{NextStepDeadline:yyyy-MM-dd HH:mm} UTC"))));

    public string AcknowledgeLine => T("acknowledge", ("url", AcknowledgeUrl));

    /// <summary>The delivery's idempotency key, as every payload shows it: the same on each copy of one delivery.</summary>
    public string DeliveryKeyLine => T("deliveryKey", ("key", IdempotencyKey));

    /// <summary>
    /// A short reference to the delivery key (the first 8 hex digits of its SHA-256, as the e-mail's Message-ID begins):
    /// where a whole key does not fit, such as a subject line.
    /// </summary>
    public string DeliveryReference =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(IdempotencyKey)))[..8];

    /// <summary>A post's author and reach, as quoted under the post.</summary>
    public string Byline(EvidencePost post) =>
        T("byline", ("author", post.Author), ("followers", Language.Localise(post.Followers.ToString("N0", CultureInfo.InvariantCulture))), ("platform", post.Platform));

    /// <summary>
    /// Right-to-left scripts are wrapped in Unicode isolates (RLI ... PDI) in plain text, so a Latin byline next to
    /// an Arabic excerpt does not scramble it; the excerpt's own characters are never altered.
    /// </summary>
    public static string IsolatedExcerpt(EvidencePost post) =>
        IsRightToLeft(post.Language) ? "\u2067" + post.Excerpt + "\u2069" : post.Excerpt ?? "";

    public static bool IsRightToLeft(string language) =>
        language.Split('-', '_')[0].ToLowerInvariant() is "ar" or "he" or "fa" or "ur";
}
