namespace Crisis.Contracts.Buzz;

/// <summary>
/// A brand's buzz pages the crisis cell: a new negative episode started, or a running one crossed the crisis
/// threshold. Published at least once; <see cref="EscalationId"/> is the idempotency key for consumers.
/// Times are event time (publication time of the mentions), UTC.
/// </summary>
public sealed record BuzzEscalated
{
    public required string EscalationId { get; init; }
    public required string BrandId { get; init; }
    public required string EpisodeId { get; init; }
    /// <summary>EpisodeStart or Escalation.</summary>
    public required string Kind { get; init; }
    /// <summary>Watch, Rising or Crisis.</summary>
    public required string Phase { get; init; }
    public required int Severity { get; init; }
    public required double AnomalyScore { get; init; }
    /// <summary>First bucket of the episode: the buzz onset.</summary>
    public required DateTimeOffset OnsetAt { get; init; }
    /// <summary>Start of the bucket that raised this page.</summary>
    public required DateTimeOffset BucketAt { get; init; }
    /// <summary>End of that bucket: the moment the detector could know (event time).</summary>
    public required DateTimeOffset DetectedAt { get; init; }
    public required BuzzEvidenceSummary Evidence { get; init; }
}

/// <summary>A brand's episode ended: volume back within its normal range for the quiet period.</summary>
public sealed record BuzzSubsided
{
    public required string BrandId { get; init; }
    public required string EpisodeId { get; init; }
    public required DateTimeOffset SubsidedAt { get; init; }
    public required int PeakSeverity { get; init; }
}

/// <summary>What the crisis cell reads first: the figures and posts that made the detector page.</summary>
public sealed record BuzzEvidenceSummary
{
    public required long Mentions { get; init; }
    public required double ExpectedMentions { get; init; }
    public double? NegativeShare { get; init; }
    public required IReadOnlyList<EvidencePost> TopNegativePosts { get; init; }
    public required IReadOnlyList<string> TopTerms { get; init; }
    public required IReadOnlyDictionary<string, long> Languages { get; init; }
}

/// <summary>A post quoted as evidence.</summary>
/// <param name="Author">
/// Crisis's own detector names the author by the organisation's pseudonym (<c>author-…</c>) and sends no excerpt: the
/// handle and words stay in the store, where they can be erased, and the crisis cell reads them when it shows the post.
/// Another detector may send the handle and the excerpt; the crisis cell then keeps them the same way.
/// </param>
public sealed record EvidencePost(string Platform, string PostId, string Author, long Followers, string Language, string? Excerpt);
