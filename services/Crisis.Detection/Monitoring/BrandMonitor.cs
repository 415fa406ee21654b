using Crisis.Detection.Buzz;
using Crisis.Detection.Detecting;
using Crisis.Detection.Signals;

namespace Crisis.Detection.Monitoring;

/// <summary>
/// One brand's live monitoring: open buckets filling up, the streaming detector, and the episode bookkeeping
/// that turns its decisions into buzz events. Deterministic: the same mentions in the same order give the same
/// events.
/// </summary>
public sealed class BrandMonitor
{
    private readonly MonitorOptions options;
    private readonly long bucketTicks;
    private readonly BuzzDetector detector;
    private readonly SortedDictionary<long, BucketAccumulator> open = [];

    public BrandMonitorState State { get; }

    public BrandMonitor(MonitorOptions options, BrandMonitorState state)
    {
        this.options = options;
        bucketTicks = options.Detector.BucketSize.Ticks;
        State = state;
        detector = state.Detector is { } snapshot ? BuzzDetector.Restore(options.Detector, snapshot) : new BuzzDetector(options.Detector);
        foreach (var bucket in state.OpenBuckets) open[bucket.Start] = bucket;
    }

    public string BrandId => State.Id;

    public long BucketOf(DateTimeOffset instant) => instant.UtcTicks / bucketTicks;

    /// <summary>Takes effect for the buckets decided from now on; a window declared after the fact does not rewrite decisions.</summary>
    public void Declare(CampaignWindow campaign)
    {
        if (State.Campaigns.All(c => c.Id != campaign.Id)) State.Campaigns.Add(campaign);
    }

    /// <summary>Counts the mention in its bucket, or sets it aside when that bucket was already decided.</summary>
    public bool Add(MentionSignal mention)
    {
        if (State.Watermark is null || mention.PublishedAt > State.Watermark) State.Watermark = mention.PublishedAt;
        var bucket = BucketOf(mention.PublishedAt);
        if (bucket <= State.LastClosedBucket)
        {
            State.LateMentions++;
            return false;
        }
        if (!open.TryGetValue(bucket, out var accumulator))
        {
            accumulator = new BucketAccumulator { Start = bucket };
            open[bucket] = accumulator;
        }
        accumulator.Add(mention);
        return true;
    }

    /// <summary>Decides every bucket that ends before <paramref name="boundary"/>, empty ones included, in order.</summary>
    public void CloseBefore(long boundary, List<object> events)
    {
        if (State.LastClosedBucket == long.MinValue)
        {
            // A new brand starts at its first bucket (nothing to decide before it), once that bucket is due.
            if (open.Count == 0 || open.Keys.First() >= boundary) return;
            State.LastClosedBucket = open.Keys.First() - 1;
            events.Add(new BuzzMonitoringStarted(BrandId, new DateTimeOffset(open.Keys.First() * bucketTicks, TimeSpan.Zero)));
        }
        for (var bucket = State.LastClosedBucket + 1; bucket < boundary; bucket++)
        {
            open.Remove(bucket, out var accumulator);
            accumulator ??= new BucketAccumulator { Start = bucket };
            var threads = State.Threads;
            threads.Add(bucket, accumulator.Seeds, accumulator.AnswersInOrder());
            threads.Forget(bucket);
            var hottest = threads.Hottest();
            var decision = detector.Observe(new BuzzBucket(
                new DateTimeOffset(bucket * bucketTicks, TimeSpan.Zero),
                accumulator.Volume,
                accumulator.Scored > 0 ? accumulator.Negative * (accumulator.Volume / (double)accumulator.Scored) : null,
                accumulator.Scored > 0 ? accumulator.ReachWeightedNegative : null,
                accumulator.AuthorCount,
                hottest is { } top ? new ThreadSignal(top.Thread.FirstBucket, top.Thread.Authors, top.Thread.Scored, top.Thread.Negative, threads.OrdinaryLargest, threads.GrewFromSeed(top.Root)) : null));
            if (decision.ThreadAlarm && hottest is { } spent) threads.MarkPaged(spent.Root);
            State.LastClosedBucket = bucket;
            Remember(accumulator);
            Decide(decision, events);
        }
    }

    public BrandMonitorState Snapshot()
    {
        State.Detector = detector.Snapshot();
        State.OpenBuckets = [.. open.Values];
        return State;
    }

    private void Remember(BucketAccumulator accumulator)
    {
        // A decided bucket keeps only what evidence shows, so the stored state stays small: its top terms
        // and a count of its authors (the set itself is no longer needed).
        accumulator.KeepTopTerms(BucketAccumulator.KeptTerms);
        accumulator.ForgetAuthors();
        State.RecentBuckets.Add(accumulator);
        if (State.RecentBuckets.Count > options.EvidenceBuckets) State.RecentBuckets.RemoveAt(0);
    }

    private void Decide(BuzzDecision decision, List<object> events)
    {
        var bucketStart = decision.Bucket;
        var bucketEnd = bucketStart + options.Detector.BucketSize;
        var previous = State.Phase;
        if (previous == BuzzPhase.Calm && decision.Phase != BuzzPhase.Calm)
        {
            State.Onset = bucketStart;
            State.EpisodeId = BuzzStreams.EpisodeId(BrandId, bucketStart);
            State.PeakSeverity = 0;
            State.PositiveReported = false;
        }
        if (decision.Phase != BuzzPhase.Calm) State.PeakSeverity = Math.Max(State.PeakSeverity, decision.Severity);
        // A page raised by accumulated negative evidence knows when that evidence started: the buzz began then, not when
        // the phase first left Calm.
        if (decision.Onset is { } estimated && State.Onset is { } marked && estimated < marked) State.Onset = estimated;

        if (decision.Phase != previous)
        {
            events.Add(new BuzzPhaseChanged(BrandId, State.EpisodeId, previous, decision.Phase, bucketStart, decision.Severity, decision.AnomalyScore, decision.IsPositive));
        }
        var campaign = State.Campaigns.FirstOrDefault(c => c.From <= bucketStart && bucketStart < c.To);
        if (decision.IsAlert && !decision.IsPositive && State.EpisodeId is { } suppressed && campaign is not null)
        {
            events.Add(new AlertSuppressedByCampaign(BrandId, suppressed, decision.Alert, bucketStart, decision.Severity, campaign.Id, campaign.Name, campaign.DeclaredBy));
        }
        else if (decision.IsAlert && !decision.IsPositive && State.EpisodeId is { } episode)
        {
            events.Add(new BuzzEscalated(BrandId, episode, decision.Alert, decision.Phase, State.Onset!.Value, bucketStart, bucketEnd,
                decision.Severity, decision.AnomalyScore, Evidence(decision)));
        }
        if (decision.IsPositive && !State.PositiveReported && decision.Phase is BuzzPhase.Rising or BuzzPhase.Crisis)
        {
            State.PositiveReported = true;
            events.Add(new PositiveSpikeObserved(BrandId, State.Onset ?? bucketStart, bucketStart, decision.Severity, Evidence(decision)));
        }
        if (decision.Phase == BuzzPhase.Calm && previous != BuzzPhase.Calm && State.EpisodeId is { } ended)
        {
            events.Add(new BuzzSubsided(BrandId, ended, State.Onset!.Value, bucketStart, State.PeakSeverity));
            State.EpisodeId = null;
            State.Onset = null;
        }
        State.Phase = decision.Phase;
    }

    private BuzzEvidence Evidence(BuzzDecision decision)
    {
        var recent = State.RecentBuckets;
        var figures = recent.Select(b => b.Figures(bucketTicks)).ToArray();
        var posts = recent.SelectMany(b => b.TopNegative).ToList();
        posts.Sort(BucketAccumulator.ByReachThenId);
        var authors = posts.GroupBy(p => p.Author, StringComparer.Ordinal).Select(g => g.First()).Take(5).ToArray();
        var terms = recent.SelectMany(b => b.Terms)
            .GroupBy(t => t.Key, StringComparer.Ordinal)
            .Select(g => new TermCount(g.Key, g.Sum(t => t.Value)))
            .OrderByDescending(t => t.Count).ThenBy(t => t.Term, StringComparer.Ordinal)
            .Take(10).ToArray();
        var languages = recent.SelectMany(b => b.Languages)
            .GroupBy(l => l.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(l => l.Value), StringComparer.Ordinal);
        var scored = figures.Sum(f => f.Scored);
        var half = figures.Length / 2;
        // Velocity: mentions per bucket in the newer half of the window over the older half.
        var older = figures.Take(half).Sum(f => f.Volume) / (double)Math.Max(1, half);
        var newer = figures.Skip(half).Sum(f => f.Volume) / (double)Math.Max(1, figures.Length - half);
        return new BuzzEvidence(
            figures, [.. posts.Take(5)], authors, terms, languages,
            decision.ObservedVolume, decision.ExpectedVolume,
            scored == 0 ? null : figures.Sum(f => f.Negative) / (double)scored,
            older == 0 ? newer : newer / older);
    }
}
