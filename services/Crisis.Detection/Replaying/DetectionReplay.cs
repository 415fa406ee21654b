using Crisis.Detection.Monitoring;
using Crisis.Detection.Signals;
using Crisis.Ingestion.Brands;
using Crisis.Ingestion.Mentions;

namespace Crisis.Detection.Replaying;

/// <summary>
/// Re-runs live detection over stored events in a fresh <see cref="BuzzMonitor"/>, in memory: nothing is
/// appended, published or paged. The input is what <c>DetectionSubscription</c> saw, in store (sequence) order:
/// <c>MentionsRecorded</c> (or <see cref="MentionsWithTexts"/>, with the words read back from <c>mention_keys</c>) and
/// <c>CampaignWindowDeclared</c>, or <see cref="OtherBrandsPublished"/> standing for
/// another brand's mentions. Fed page by page with campaign declarations applied between mentions exactly as
/// the subscription does, so the same options give the same buzz events.
/// </summary>
public sealed class DetectionReplay(MonitorOptions options, ReplayWindow window, int pageSize = DetectionReplay.LivePageSize)
{
    /// <summary>The daemon's page size for the detection subscription; decisions do not depend on it for mentions within the allowed lateness.</summary>
    public const int LivePageSize = 200;

    private readonly BuzzMonitor monitor = new(options);
    private readonly List<object> kept = [];
    private readonly List<MentionSignal> pending = [];
    private DateTimeOffset? othersLatest;
    private int inPage;

    /// <summary>The followed brand's buzz events in the window so far, in the order live appended them.</summary>
    public IReadOnlyList<object> Events => kept;

    /// <summary>Mentions of the followed brand fed so far.</summary>
    public long Mentions { get; private set; }

    public static IReadOnlyList<object> Run(IEnumerable<object> storeOrdered, MonitorOptions options, ReplayWindow window, int pageSize = LivePageSize)
    {
        var replay = new DetectionReplay(options, window, pageSize);
        foreach (var stored in storeOrdered) replay.Feed(stored);
        return replay.Finish();
    }

    public static async Task<DetectionReplay> RunAsync(IAsyncEnumerable<object> storeOrdered, MonitorOptions options, ReplayWindow window, CancellationToken cancellationToken)
    {
        var replay = new DetectionReplay(options, window);
        await foreach (var stored in storeOrdered.WithCancellation(cancellationToken)) replay.Feed(stored);
        replay.Finish();
        return replay;
    }

    /// <summary>Feeds the next stored event, in store order.</summary>
    public void Feed(object stored)
    {
        switch (stored)
        {
            case MentionsRecorded recorded:
                Feed(new MentionsWithTexts(recorded, null));
                return;
            case MentionsWithTexts batch when batch.Recorded.BrandId == window.BrandId:
                pending.AddRange(MentionSignal.From(batch));
                Mentions += batch.Recorded.Mentions.Count;
                break;
            case MentionsWithTexts other:
                // Another brand: only the watermark it moves matters to the followed brand, within the batch as live saw it.
                if (other.Recorded.Mentions.Count > 0) SeenOthers(other.Recorded.Mentions.Max(m => m.PublishedAt));
                break;
            case OtherBrandsPublished other:
                SeenOthers(other.Latest);
                break;
            case CampaignWindowDeclared campaign:
                // Live decides the batch so far at every declaration, whichever brand it concerns.
                Decide();
                if (campaign.BrandId == window.BrandId)
                {
                    monitor.Declare(campaign.BrandId, new CampaignWindow(campaign.CampaignId, campaign.Name, campaign.From, campaign.To, campaign.DeclaredBy));
                }
                break;
            default:
                throw new ArgumentException($"not an event detection reads: {stored.GetType().Name}", nameof(stored));
        }
        if (++inPage == pageSize) Finish();
    }

    /// <summary>Ends the current page, as the daemon does at the end of each page, and returns the events so far.</summary>
    public IReadOnlyList<object> Finish()
    {
        Decide();
        inPage = 0;
        return kept;
    }

    private void SeenOthers(DateTimeOffset latest)
    {
        if (othersLatest is null || latest > othersLatest) othersLatest = latest;
    }

    private void Decide()
    {
        kept.AddRange(monitor.Observe(pending, othersLatest).Where(window.Contains));
        pending.Clear();
        othersLatest = null;
    }
}
