using Crisis.Detection.Detecting;
using Crisis.Detection.Signals;

namespace Crisis.Detection.Buzz;

public static class BuzzStreams
{
    public static string KeyFor(string brandId) => $"buzz/{brandId}";

    /// <summary>An episode is named by its brand and onset bucket, so replays name it the same.</summary>
    public static string EpisodeId(string brandId, DateTimeOffset onset) => $"{brandId}/{onset.UtcDateTime:yyyyMMddTHHmm}";
}

/// <summary>What the crisis cell reads when paged: the buckets that triggered, the loudest negative posts, terms, languages.</summary>
public sealed record BuzzEvidence(
    IReadOnlyList<BucketFigures> Buckets,
    IReadOnlyList<EvidenceMention> TopNegativeMentions,
    IReadOnlyList<EvidenceMention> MostReachedAuthors,
    IReadOnlyList<TermCount> TopTerms,
    IReadOnlyDictionary<string, long> Languages,
    double ObservedVolume,
    double ExpectedVolume,
    double? NegativeShare,
    double Velocity);

public sealed record TermCount(string Term, long Count);

/// <summary>Every event of a brand's buzz stream names its brand, so the stream it belongs to is never guessed.</summary>
public abstract record BuzzEvent(string BrandId);

/// <summary>Detection saw the brand's first mention: its buzz is followed from this bucket on (it starts Calm).</summary>
public sealed record BuzzMonitoringStarted(string BrandId, DateTimeOffset FirstBucket)
    : BuzzEvent(BrandId);

/// <summary>The brand's buzz moved from one phase to another at the end of a bucket (event time).</summary>
public sealed record BuzzPhaseChanged(
    string BrandId, string? EpisodeId, BuzzPhase From, BuzzPhase To, DateTimeOffset Bucket, int Severity, double AnomalyScore, bool IsPositive)
    : BuzzEvent(BrandId);

/// <summary>The detector paged: a new negative episode (EpisodeStart) or a running one crossing the crisis threshold (Escalation).</summary>
public sealed record BuzzEscalated(
    string BrandId, string EpisodeId, AlertKind Kind, BuzzPhase Phase, DateTimeOffset Onset, DateTimeOffset Bucket,
    DateTimeOffset DetectedAt, int Severity, double AnomalyScore, BuzzEvidence Evidence)
    : BuzzEvent(BrandId);

/// <summary>The detector would have paged, but the bucket lies in a campaign window the brand declared: recorded, not paged.</summary>
public sealed record AlertSuppressedByCampaign(
    string BrandId, string EpisodeId, AlertKind Kind, DateTimeOffset Bucket, int Severity, string CampaignId, string CampaignName, string DeclaredBy)
    : BuzzEvent(BrandId);

/// <summary>Volume up while the negative share is not: a campaign or good news. Shown, never paged.</summary>
public sealed record PositiveSpikeObserved(string BrandId, DateTimeOffset Onset, DateTimeOffset Bucket, int Severity, BuzzEvidence Evidence)
    : BuzzEvent(BrandId);

/// <summary>The episode is over: the brand is back to calm.</summary>
public sealed record BuzzSubsided(string BrandId, string EpisodeId, DateTimeOffset Onset, DateTimeOffset Bucket, int PeakSeverity)
    : BuzzEvent(BrandId);

/// <summary>Mentions that arrived after their bucket was decided: stored, counted, never allowed to rewrite a decision.</summary>
public sealed record LateMentionsSetAside(string BrandId, DateTimeOffset Bucket, int Count)
    : BuzzEvent(BrandId);
