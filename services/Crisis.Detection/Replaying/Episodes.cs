using Crisis.Detection.Buzz;
using Crisis.Detection.Detecting;

namespace Crisis.Detection.Replaying;

/// <summary>A page (an unsuppressed <see cref="BuzzEscalated"/>), reduced to what a comparison needs.</summary>
public sealed record PageFacts(string EpisodeId, AlertKind Kind, DateTimeOffset Onset, DateTimeOffset Bucket, DateTimeOffset DetectedAt, int Severity)
{
    public TimeSpan TimeToDetect => DetectedAt - Onset;
}

/// <summary>An episode as the buzz events tell it: from its onset bucket to the bucket it subsided in (null while running), with its pages.</summary>
public sealed record EpisodeFacts(string EpisodeId, DateTimeOffset Onset, DateTimeOffset? End, IReadOnlyList<PageFacts> Pages)
{
    /// <summary>From the onset bucket to the end of the bucket of the first page; null if it never paged.</summary>
    public TimeSpan? TimeToDetect => Pages.Count == 0 ? null : Pages[0].TimeToDetect;

    public bool Covers(DateTimeOffset bucket) => bucket >= Onset && (End is null || bucket <= End);

    public bool Overlaps(EpisodeFacts other) =>
        (End is null || other.Onset <= End) && (other.End is null || Onset <= other.End);

    /// <summary>The episodes of one brand's buzz events, in onset order.</summary>
    public static IReadOnlyList<EpisodeFacts> From(IEnumerable<object> buzzEvents)
    {
        var episodes = new List<EpisodeFacts>();
        var pages = new Dictionary<string, List<PageFacts>>(StringComparer.Ordinal);
        foreach (var e in buzzEvents)
        {
            switch (e)
            {
                case BuzzPhaseChanged { From: BuzzPhase.Calm, EpisodeId: { } id } started:
                    pages[id] = [];
                    episodes.Add(new EpisodeFacts(id, started.Bucket, null, pages[id]));
                    break;
                case BuzzEscalated page:
                    if (!pages.TryGetValue(page.EpisodeId, out var list))
                    {
                        // The episode began before the window: it is known from its pages on.
                        list = pages[page.EpisodeId] = [];
                        episodes.Add(new EpisodeFacts(page.EpisodeId, page.Onset, null, list));
                    }
                    list.Add(new PageFacts(page.EpisodeId, page.Kind, page.Onset, page.Bucket, page.DetectedAt, page.Severity));
                    break;
                case BuzzSubsided subsided:
                    var index = episodes.FindIndex(x => x.EpisodeId == subsided.EpisodeId);
                    if (index >= 0) episodes[index] = episodes[index] with { End = subsided.Bucket };
                    break;
            }
        }
        return episodes;
    }
}
