using Crisis.Detection.Monitoring;
using Crisis.Detection.Signals;
using Crisis.Ingestion.Brands;
using Crisis.Ingestion.Mentions;

namespace Crisis.Detection.Replaying;

/// <summary>
/// Re-runs live detection over stored events in a fresh <see cref="BuzzMonitor"/>, in memory: nothing is
/// appended, published or paged. The input is what <c>DetectionSubscription</c> saw, in store (sequence) order:
/// <c>MentionsRecorded</c> and <c>CampaignWindowDeclared</c>, or <see cref="OtherBrandsPublished"/> standing for
/// another brand's mentions. Fed page by page with campaign declarations applied between mentions exactly as
/// the subscription does, so the same options give the same buzz events.
/// </summary>
public static class DetectionReplay
{
    /// <summary>The daemon's page size for the detection subscription; decisions do not depend on it for mentions within the allowed lateness.</summary>
    public const int LivePageSize = 200;

    /// <summary>Replays <paramref name="storeOrdered"/> and returns the followed brand's buzz events in the window, in the order live appended them.</summary>
    public static IReadOnlyList<object> Run(IEnumerable<object> storeOrdered, MonitorOptions options, ReplayWindow window, int pageSize = LivePageSize)
    {
        var monitor = new BuzzMonitor(options);
        var kept = new List<object>();
        foreach (var page in storeOrdered.Chunk(pageSize))
        {
            var pending = new List<MentionSignal>();
            foreach (var stored in page)
            {
                switch (stored)
                {
                    case MentionsRecorded recorded when recorded.BrandId == window.BrandId:
                        pending.AddRange(MentionSignal.From(recorded));
                        break;
                    case MentionsRecorded recorded:
                        // Another brand: only the watermark it moves matters to the followed brand.
                        if (recorded.Mentions.Count > 0) monitor.Advance(recorded.Mentions.Max(m => m.PublishedAt));
                        break;
                    case OtherBrandsPublished other:
                        monitor.Advance(other.Latest);
                        break;
                    case CampaignWindowDeclared campaign:
                        // Live decides the batch so far at every declaration, whichever brand it concerns.
                        Keep(monitor.Observe(pending), window, kept);
                        pending.Clear();
                        if (campaign.BrandId != window.BrandId) break;
                        monitor.Declare(campaign.BrandId, new CampaignWindow(campaign.CampaignId, campaign.Name, campaign.From, campaign.To, campaign.DeclaredBy));
                        break;
                }
            }
            Keep(monitor.Observe(pending), window, kept);
        }
        return kept;
    }

    private static void Keep(IReadOnlyList<object> decided, ReplayWindow window, List<object> kept) =>
        kept.AddRange(decided.Where(window.Contains));
}
