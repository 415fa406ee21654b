namespace Crisis.Detection.Replaying;

/// <summary>One episode in a what-if report: live's view and the what-if's view of it (either may be missing).</summary>
public sealed record EpisodeComparison(DateTimeOffset Onset, DateTimeOffset? End, string? LiveEpisode, TimeSpan? LiveTimeToDetect, string? WhatIfEpisode, TimeSpan? WhatIfTimeToDetect);

/// <summary>
/// What other detector options would have done against what happened live, for one brand and window: pages that
/// appear or vanish, time to detect per episode, and false alarms (what-if pages in no episode that live paged).
/// </summary>
public sealed record WhatIfComparison(
    ReplayWindow Window,
    IReadOnlyList<PageFacts> LivePages,
    IReadOnlyList<PageFacts> WhatIfPages,
    IReadOnlyList<PageFacts> Appeared,
    IReadOnlyList<PageFacts> Vanished,
    IReadOnlyList<EpisodeComparison> Episodes,
    IReadOnlyList<PageFacts> FalseAlarms)
{
    public static WhatIfComparison Compare(ReplayWindow window, IReadOnlyList<object> live, IReadOnlyList<object> whatIf)
    {
        var liveEpisodes = EpisodeFacts.From(live);
        var whatIfEpisodes = EpisodeFacts.From(whatIf);
        var livePages = liveEpisodes.SelectMany(e => e.Pages).ToList();
        var whatIfPages = whatIfEpisodes.SelectMany(e => e.Pages).ToList();
        // A page is the same page when it was raised for the same bucket with the same kind.
        var appeared = whatIfPages.Where(p => !livePages.Any(l => l.Bucket == p.Bucket && l.Kind == p.Kind)).ToList();
        var vanished = livePages.Where(l => !whatIfPages.Any(p => p.Bucket == l.Bucket && p.Kind == l.Kind)).ToList();

        var episodes = new List<EpisodeComparison>();
        foreach (var l in liveEpisodes)
        {
            var w = whatIfEpisodes.FirstOrDefault(x => x.Overlaps(l));
            // Measured from live's onset, so both columns count from the same bucket.
            var firstWhatIfPage = whatIfPages.Where(p => l.Covers(p.Bucket)).Select(p => (TimeSpan?)(p.DetectedAt - l.Onset)).FirstOrDefault();
            episodes.Add(new EpisodeComparison(l.Onset, l.End, l.EpisodeId, l.TimeToDetect, w?.EpisodeId, firstWhatIfPage));
        }
        foreach (var w in whatIfEpisodes.Where(w => !liveEpisodes.Any(l => l.Overlaps(w))))
        {
            episodes.Add(new EpisodeComparison(w.Onset, w.End, null, null, w.EpisodeId, w.TimeToDetect));
        }
        episodes.Sort((a, b) => a.Onset.CompareTo(b.Onset));

        var paged = liveEpisodes.Where(e => e.Pages.Count > 0).ToList();
        var falseAlarms = whatIfPages.Where(p => !paged.Any(e => e.Covers(p.Bucket))).ToList();
        return new WhatIfComparison(window, livePages, whatIfPages, appeared, vanished, episodes, falseAlarms);
    }
}
