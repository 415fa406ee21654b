using Crisis.Ingestion.Scoring;

namespace Crisis.Detection.Evaluating.Scenarios;

/// <summary>
/// One generated post with its truth: the label it was drawn with (<see cref="TrueLabel"/>) and what the negativity model
/// says of its text (<see cref="IsNegative"/>, as the intake would score it).
/// </summary>
public sealed record ScenarioMention(
    string PostId,
    DateTimeOffset PublishedAt,
    string Author,
    long Followers,
    string Text,
    MentionLanguage Language,
    bool? IsNegative,
    SentimentLabel TrueLabel,
    string? ReplyTo = null,
    string? QuoteOf = null,
    string? ShareOf = null);

public enum SentimentLabel
{
    Negative,
    Neutral,
    Positive,
}
