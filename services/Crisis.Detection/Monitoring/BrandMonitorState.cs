using Crisis.Detection.Detecting;
using Crisis.Detection.Signals;

namespace Crisis.Detection.Monitoring;

/// <summary>
/// Everything needed to resume one brand's monitoring exactly where it stopped: stored as a document next to
/// the subscription's progress, in the same transaction.
/// </summary>
public sealed class BrandMonitorState
{
    public string Id { get; set; } = "";
    public BuzzDetectorSnapshot? Detector { get; set; }
    public long LastClosedBucket { get; set; } = long.MinValue;

    /// <summary>Latest publication time among this brand's mentions: its own clock while it catches up on a backlog.</summary>
    public DateTimeOffset? Watermark { get; set; }
    public List<BucketAccumulator> OpenBuckets { get; set; } = [];
    public List<BucketAccumulator> RecentBuckets { get; set; } = [];

    /// <summary>The brand's conversation threads of the last hour (replies, quotes, shares), for early cascade evidence.</summary>
    public ThreadTracker Threads { get; set; } = new();
    public BuzzPhase Phase { get; set; }
    public string? EpisodeId { get; set; }
    public DateTimeOffset? Onset { get; set; }
    public int PeakSeverity { get; set; }
    public bool PositiveReported { get; set; }
    public long LateMentions { get; set; }
    public List<CampaignWindow> Campaigns { get; set; } = [];
}

/// <summary>A declared campaign: alerts for buckets inside it are suppressed and recorded as such.</summary>
public sealed record CampaignWindow(string Id, string Name, DateTimeOffset From, DateTimeOffset To, string DeclaredBy);
