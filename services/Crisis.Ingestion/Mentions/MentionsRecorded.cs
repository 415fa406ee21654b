using Crisis.Ingestion.Scoring;

namespace Crisis.Ingestion.Mentions;

/// <summary>
/// Mentions of one brand, published within one UTC hour, recorded in one commit. A mention appears in exactly
/// one such event in the whole store (identity is platform + post id). See docs/architecture.md for why the
/// event carries a batch rather than one mention.
/// </summary>
public sealed record MentionsRecorded(
    string StreamKey,
    string BrandId,
    DateTimeOffset Hour,
    DateTimeOffset RecordedAt,
    IReadOnlyList<RecordedMention> Mentions);

/// <summary>
/// One post, validated and normalised. When it was received is the event's <c>RecordedAt</c>. The event names the
/// author by the organisation's keyed pseudonym and carries neither the display name, the text nor the link: those
/// are kept in <c>mention_keys</c>, where an author can be erased (docs/security.md). Events recorded before
/// pseudonymisation still carry them.
/// </summary>
/// <param name="Author">The pseudonym (<c>author-…</c>) and follower count; the raw handle only in older events.</param>
/// <param name="Text">Null in the stored event (read it from <c>mention_keys</c>); set while the mention is validated and scored.</param>
/// <param name="Url">Null in the stored event, like the text.</param>
/// <param name="DeclaredLanguage">The language the source declared, if any (BCP 47 tag, lower case).</param>
/// <param name="Language">The language Crisis identified from the text (Unknown when not scored).</param>
/// <param name="NegativeProbability">Probability that the post is negative, from the model or a trusted upstream source; null when unscorable.</param>
/// <param name="IsNegative">The probability compared with the language's threshold; null when unscorable.</param>
public sealed record RecordedMention(
    Platform Platform,
    string PostId,
    MentionAuthorProfile Author,
    string? Text,
    string? DeclaredLanguage,
    MentionLanguage Language,
    DateTimeOffset PublishedAt,
    string? Url,
    string? ReplyTo,
    string? QuoteOf,
    string? ShareOf,
    UpstreamSentiment? UpstreamSentiment,
    double? NegativeProbability,
    bool? IsNegative);

public sealed record MentionAuthorProfile(string Handle, string? DisplayName, long? Followers);

public enum SentimentLabel
{
    Negative,
    Neutral,
    Positive,
}

public sealed record UpstreamSentiment(SentimentLabel Label, double? Score);
