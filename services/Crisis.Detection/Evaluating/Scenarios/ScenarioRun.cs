using Crisis.Detection.Buzz;
using Crisis.Detection.Monitoring;
using Crisis.Detection.Signals;

namespace Crisis.Detection.Evaluating.Scenarios;

/// <summary>A page the monitor emitted while a stream was played, with the scenario instant it came out at.</summary>
public sealed record ScenarioPage(DateTimeOffset EmittedAt, BuzzEscalated Page);

/// <summary>What live detection made of one generated stream.</summary>
public sealed record ScenarioOutcome(ScenarioStream Stream, IReadOnlyList<ScenarioPage> Pages)
{
    /// <summary>Pages the stream's event explains (for a bad buzz: its pages; for a campaign or spike: pages it caused wrongly).</summary>
    public IReadOnlyList<ScenarioPage> EventPages { get; } = [.. Pages.Where(p => Stream.InEvent(p.EmittedAt))];

    /// <summary>Pages outside the event: false alarms on ordinary chatter.</summary>
    public IReadOnlyList<ScenarioPage> FalsePages { get; } = [.. Pages.Where(p => !Stream.InEvent(p.EmittedAt))];

    /// <summary>From the true onset to the first page of the event, when the stream must page and did.</summary>
    public TimeSpan? TimeToPage => Stream.Kind.MustPage() && EventPages.Count > 0 ? EventPages[0].EmittedAt - Stream.Onset!.Value : null;

    /// <summary>The detector's onset estimate minus the true onset, for the first page of the event.</summary>
    public TimeSpan? OnsetError => Stream.Kind.MustPage() && EventPages.Count > 0 ? EventPages[0].Page.Onset - Stream.Onset!.Value : null;

    /// <summary>Episode starts among the event's pages: each one opens an incident.</summary>
    public int IncidentsForEvent => EventPages.Count(p => p.Page.Kind == Detecting.AlertKind.EpisodeStart);

    /// <summary>Observed time outside the event window, over which false pages are counted.</summary>
    public TimeSpan OrdinaryTime => Stream.Length - (Stream.Onset is { } onset && Stream.EventEnd is { } end ? (end < Stream.End ? end : Stream.End) - onset : TimeSpan.Zero);
}

/// <summary>
/// Plays generated streams through the live monitor (<see cref="BuzzMonitor"/>: the same bucketing, lateness and detector as
/// the detection subscription) on a scenario clock: every <see cref="Tick"/>, the mentions published so far go in and the
/// watermark moves to the tick, as the other brands' traffic moves it live. A page's time is the tick it came out at.
/// </summary>
public static class ScenarioRun
{
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(20);

    /// <summary>The crisis cell's default severity threshold: a page below it opens no incident and reaches nobody, so it is not counted.</summary>
    public const int OpeningSeverity = 5;

    public static ScenarioOutcome Play(ScenarioStream stream, MonitorOptions options)
    {
        var monitor = new BuzzMonitor(options);
        var pages = new List<ScenarioPage>();
        var batch = new List<MentionSignal>();
        var next = 0;
        for (var tick = stream.Start + Tick; tick <= stream.End + options.AllowedLateness + options.Detector.BucketSize + Tick; tick += Tick)
        {
            batch.Clear();
            while (next < stream.Mentions.Count && stream.Mentions[next].PublishedAt < tick)
            {
                var m = stream.Mentions[next++];
                batch.Add(new MentionSignal(stream.BrandId, "x", m.PostId, m.PublishedAt, m.Author, m.Followers, m.Text, m.Language, m.IsNegative, m.ReplyTo ?? m.QuoteOf ?? m.ShareOf));
            }
            // The tick stands for other brands' traffic: it moves the shared clock in the same batch.
            Collect(monitor.Observe(batch, othersLatest: tick), tick, pages);
        }
        return new ScenarioOutcome(stream, pages);
    }

    private static void Collect(IReadOnlyList<object> events, DateTimeOffset at, List<ScenarioPage> pages)
    {
        foreach (var e in events)
            if (e is BuzzEscalated { Severity: >= OpeningSeverity } page) pages.Add(new ScenarioPage(at, page));
    }
}
