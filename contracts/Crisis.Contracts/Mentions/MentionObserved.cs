namespace Crisis.Contracts.Mentions;

/// <summary>
/// A post about a watched brand, seen by an upstream connector and handed to Crisis over the bus.
/// Field meanings match the HTTP intake (see docs/architecture.md). Times are ISO 8601 with an offset.
/// </summary>
public sealed record MentionObserved
{
    public string? Platform { get; init; }
    public string? PostId { get; init; }
    public string? BrandId { get; init; }
    public MentionAuthor? Author { get; init; }
    public string? Text { get; init; }
    public string? Language { get; init; }
    public string? PublishedAt { get; init; }
    public string? Url { get; init; }
    public string? ReplyTo { get; init; }
    public string? QuoteOf { get; init; }
    public string? ShareOf { get; init; }
    public MentionSentiment? Sentiment { get; init; }
}

public sealed record MentionAuthor
{
    public string? Handle { get; init; }
    public string? DisplayName { get; init; }
    public long? Followers { get; init; }
}

/// <summary>Sentiment computed upstream: a label (negative, neutral, positive) and an optional confidence in [0,1].</summary>
public sealed record MentionSentiment
{
    public string? Label { get; init; }
    public double? Score { get; init; }
}
