using System.Text.Json;
using Crisis.Detection.Buzz;
using Crisis.Detection.Detecting;
using Crisis.Detection.Monitoring;
using Crisis.Detection.Signals;

namespace Crisis.Detection.Tests.Monitoring;

public class When_monitoring_brands_live
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Onset = Start.AddHours(30);
    private static readonly MonitorOptions Options = new();

    /// <summary>30 hours of ordinary chatter for two brands, a sudden negative wave for one, a positive wave for the other, then calm.</summary>
    private static IReadOnlyList<MentionSignal> Scenario() => new SignalScenario(Start)
        .Baseline("acme", 3, TimeSpan.FromHours(40))
        .Baseline("globex", 2, TimeSpan.FromHours(40))
        .Wave("acme", Onset, 60, TimeSpan.FromMinutes(40), negativeShare: 0.85)
        .Wave("globex", Onset.AddHours(2), 40, TimeSpan.FromMinutes(30), negativeShare: 0.05)
        .InPublicationOrder();

    /// <summary>Feeds the mentions in pages, as the daemon does.</summary>
    private static List<object> Run(BuzzMonitor monitor, IEnumerable<MentionSignal> mentions, int page = 500) =>
        mentions.Chunk(page).SelectMany(chunk => monitor.Observe(chunk)).ToList();

    [Test]
    public void A_sudden_negative_wave_reaches_crisis_within_five_buckets_of_its_onset()
    {
        var events = Run(new BuzzMonitor(Options), Scenario());

        var crisis = events.OfType<BuzzPhaseChanged>().First(e => e.BrandId == "acme" && e.To == BuzzPhase.Crisis);
        var pages = events.OfType<BuzzEscalated>().Where(e => e.BrandId == "acme").ToList();
        Assert.That(crisis.Bucket, Is.LessThanOrEqualTo(Onset.AddMinutes(5)));
        Assert.That(pages, Is.Not.Empty);
        Assert.That(pages[0].Kind, Is.EqualTo(AlertKind.EpisodeStart));
        Assert.That(pages[0].Evidence.NegativeShare, Is.GreaterThan(0.5));
        Assert.That(pages[0].Evidence.TopNegativeMentions, Is.Not.Empty);
        Assert.That(pages[0].Evidence.TopTerms.Select(t => t.Term), Does.Contain("#boycott"));
    }

    [Test]
    public void The_episode_subsides_and_ends_once_the_wave_is_over()
    {
        var events = Run(new BuzzMonitor(Options), Scenario());

        var subsided = events.OfType<BuzzSubsided>().Single(e => e.BrandId == "acme");
        Assert.That(subsided.Onset, Is.LessThanOrEqualTo(Onset.AddMinutes(5)));
        Assert.That(subsided.Bucket, Is.GreaterThan(Onset.AddMinutes(40)));
        Assert.That(subsided.PeakSeverity, Is.GreaterThanOrEqualTo(5));
    }

    [Test]
    public void A_positive_wave_is_reported_but_pages_nobody()
    {
        var events = Run(new BuzzMonitor(Options), Scenario());

        Assert.That(events.OfType<BuzzEscalated>().Where(e => e.BrandId == "globex"), Is.Empty);
        Assert.That(events.OfType<PositiveSpikeObserved>().Single(e => e.BrandId == "globex").Bucket,
            Is.InRange(Onset.AddHours(2), Onset.AddHours(2).AddMinutes(30)));
    }

    [Test]
    public void Replaying_the_same_mentions_gives_the_same_events_bucket_for_bucket()
    {
        var first = Run(new BuzzMonitor(Options), Scenario(), page: 500);
        var second = Run(new BuzzMonitor(Options), Scenario(), page: 137);

        Assert.That(first, Is.Not.Empty);
        Assert.That(second.Select(Json), Is.EqualTo(first.Select(Json)));
    }

    [Test]
    public void Resuming_from_a_stored_checkpoint_continues_exactly_as_an_uninterrupted_run()
    {
        var mentions = Scenario();
        var uninterrupted = Run(new BuzzMonitor(Options), mentions);

        var cut = mentions.Count * 3 / 4;
        var before = new BuzzMonitor(Options);
        var events = Run(before, mentions.Take(cut));
        // What the subscription stores, through JSON as Marten would.
        var stored = before.Brands.Select(b => JsonSerializer.Deserialize<BrandMonitorState>(JsonSerializer.Serialize(b.Snapshot()))!).ToList();
        var after = new BuzzMonitor(Options);
        after.Restore(before.Watermark, stored);
        events.AddRange(Run(after, mentions.Skip(cut)));

        Assert.That(events.Select(Json), Is.EqualTo(uninterrupted.Select(Json)));
    }

    [Test]
    public void A_mention_later_than_the_allowed_lateness_is_set_aside_and_changes_no_decision()
    {
        var monitor = new BuzzMonitor(Options);
        Run(monitor, new SignalScenario(Start).Baseline("acme", 3, TimeSpan.FromHours(2)).InPublicationOrder());
        var old = new MentionSignal("acme", "x", "late-1", Start.AddMinutes(30), "@late", 10, "trop tard", Ingestion.Scoring.MentionLanguage.French, true);

        var events = monitor.Observe([old]);

        Assert.That(events, Is.EqualTo(new object[] { new LateMentionsSetAside("acme", Start.AddMinutes(30), 1) }));
        Assert.That(monitor.Brands.Single().State.LateMentions, Is.EqualTo(1));
    }

    [Test]
    public void A_mention_within_the_allowed_lateness_is_still_counted()
    {
        var monitor = new BuzzMonitor(Options);
        var at = Start.AddMinutes(10);
        monitor.Observe([Signal("acme", "a", at)]);
        var events = monitor.Observe([Signal("acme", "b", at.AddSeconds(-30)), Signal("acme", "c", at.AddMinutes(1))]);

        Assert.That(events.OfType<LateMentionsSetAside>(), Is.Empty);
        Assert.That(monitor.Brands.Single().State.LateMentions, Is.Zero);
    }

    [Test]
    public void A_quiet_brand_moves_on_with_the_others()
    {
        var monitor = new BuzzMonitor(Options);
        monitor.Observe([Signal("quiet", "q1", Start), Signal("loud", "l1", Start)]);

        var events = monitor.Observe([Signal("loud", "l2", Start.AddMinutes(30))]);

        var quiet = monitor.Brands.Single(b => b.BrandId == "quiet").State;
        Assert.That(quiet.LastClosedBucket, Is.EqualTo(Start.AddMinutes(27).UtcTicks / Options.Detector.BucketSize.Ticks));
        Assert.That(events.OfType<BuzzMonitoringStarted>().Select(e => e.BrandId), Is.EquivalentTo(new[] { "quiet", "loud" }));
    }

    [Test]
    public void A_wave_inside_a_declared_campaign_window_is_recorded_but_pages_nobody()
    {
        var monitor = new BuzzMonitor(Options);
        monitor.Declare("acme", new CampaignWindow("launch", "Product launch", Onset.AddMinutes(-30), Onset.AddHours(2), "carol"));

        var events = Run(monitor, Scenario());

        Assert.That(events.OfType<BuzzEscalated>().Where(e => e.BrandId == "acme"), Is.Empty);
        var suppressed = events.OfType<AlertSuppressedByCampaign>().Where(e => e.BrandId == "acme").ToList();
        Assert.That(suppressed, Is.Not.Empty);
        Assert.That(suppressed[0].DeclaredBy, Is.EqualTo("carol"));
        Assert.That(events.OfType<BuzzPhaseChanged>().Any(e => e.BrandId == "acme" && e.To == BuzzPhase.Crisis), Is.True, "the buzz is still shown");
    }

    [Test]
    public void A_campaign_window_elsewhere_in_time_suppresses_nothing()
    {
        var monitor = new BuzzMonitor(Options);
        monitor.Declare("acme", new CampaignWindow("later", "Later campaign", Onset.AddDays(2), Onset.AddDays(3), "carol"));

        var events = Run(monitor, Scenario());

        Assert.That(events.OfType<BuzzEscalated>().Count(e => e.BrandId == "acme"), Is.GreaterThanOrEqualTo(1));
        Assert.That(events.OfType<AlertSuppressedByCampaign>(), Is.Empty);
    }

    private static MentionSignal Signal(string brand, string id, DateTimeOffset at) =>
        new(brand, "x", id, at, "@a", 10, "texte", Ingestion.Scoring.MentionLanguage.French, false);

    private static string Json(object e) => e.GetType().Name + JsonSerializer.Serialize(e, e.GetType());
}

public class When_a_brand_catches_up_on_a_backlog
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Onset = Start.AddHours(30);

    [Test]
    public void Its_history_is_detected_while_other_brands_are_live()
    {
        var monitor = new BuzzMonitor(new MonitorOptions());
        // Another brand is live two days ahead: the shared clock is far past everything the backlog holds.
        monitor.Observe(new SignalScenario(Start.AddDays(2)).Baseline("globex", 2, TimeSpan.FromHours(1)).InPublicationOrder());
        var backlog = new SignalScenario(Start)
            .Baseline("acme", 3, TimeSpan.FromHours(40))
            .Wave("acme", Onset, 60, TimeSpan.FromMinutes(40), negativeShare: 0.85)
            .InPublicationOrder();

        var events = backlog.Chunk(500).SelectMany(chunk => monitor.Observe(chunk)).ToList();

        Assert.That(events.OfType<LateMentionsSetAside>().Where(e => e.BrandId == "acme"), Is.Empty);
        var page = events.OfType<BuzzEscalated>().First(e => e.BrandId == "acme");
        Assert.That(page.Onset, Is.InRange(Onset.AddMinutes(-5), Onset.AddMinutes(5)));
    }

    [Test]
    public void A_mention_older_than_what_its_brand_already_decided_is_still_set_aside()
    {
        var monitor = new BuzzMonitor(new MonitorOptions());
        monitor.Observe(new SignalScenario(Start).Baseline("acme", 3, TimeSpan.FromHours(2)).InPublicationOrder());
        var old = new MentionSignal("acme", "x", "late-1", Start.AddMinutes(30), "@late", 10, "trop tard", Ingestion.Scoring.MentionLanguage.French, true);

        Assert.That(monitor.Observe([old]).OfType<LateMentionsSetAside>(), Has.Exactly(1).Items);
    }
}

public class When_a_post_draws_a_crowd_of_answers
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Onset = Start.AddHours(30);
    private static readonly MonitorOptions Options = new();

    // A loud brand (20 mentions a minute, 30 % negative): 4 extra answers a minute is lost in its volume, not in its threads.
    private static IReadOnlyList<MentionSignal> Loud(double answersNegative) => new SignalScenario(Start, seed: 5)
        .Baseline("acme", 20, TimeSpan.FromHours(34), negativeShare: 0.3)
        .Thread("acme", Onset, 4, TimeSpan.FromMinutes(40), answersNegative)
        .InPublicationOrder();

    private static List<object> Run(BuzzMonitor monitor, IEnumerable<MentionSignal> mentions) =>
        mentions.Chunk(500).SelectMany(chunk => monitor.Observe(chunk)).ToList();

    [Test]
    public void A_thread_of_complaints_pages_within_ten_minutes_and_dates_the_buzz_from_its_first_answer()
    {
        var pages = Run(new BuzzMonitor(Options), Loud(answersNegative: 0.8)).OfType<BuzzEscalated>().ToList();

        Assert.That(pages, Is.Not.Empty);
        Assert.That(pages[0].DetectedAt, Is.LessThanOrEqualTo(Onset.AddMinutes(10)));
        Assert.That(pages[0].Onset, Is.InRange(Onset, Onset.AddMinutes(1)));
        Assert.That(pages.Count(p => p.Kind == AlertKind.EpisodeStart), Is.EqualTo(1), "one incident for the buzz");
    }

    [Test]
    public void The_same_crowd_in_the_brands_usual_tone_pages_nobody()
    {
        Assert.That(Run(new BuzzMonitor(Options), Loud(answersNegative: 0.3)).OfType<BuzzEscalated>(), Is.Empty);
    }

    [Test]
    public void The_same_crowd_without_its_answers_linked_is_not_seen_as_early()
    {
        // The thread is what lets the page come early: the same posts, answering nothing, stay within the loud brand's noise
        // for the first ten minutes.
        var unlinked = Loud(answersNegative: 0.8).Select(m => m with { Parent = null });
        var pages = Run(new BuzzMonitor(Options), unlinked).OfType<BuzzEscalated>().ToList();
        Assert.That(pages.Where(p => p.DetectedAt <= Onset.AddMinutes(10)), Is.Empty);
    }

    [Test]
    public void Resuming_mid_thread_from_a_stored_checkpoint_continues_exactly()
    {
        var mentions = Loud(answersNegative: 0.8);
        var uninterrupted = Run(new BuzzMonitor(Options), mentions);
        var cut = mentions.Select((m, i) => (m, i)).First(x => x.m.PublishedAt >= Onset.AddMinutes(6)).i;
        var before = new BuzzMonitor(Options);
        var events = Run(before, mentions.Take(cut));
        var stored = before.Brands.Select(b => JsonSerializer.Deserialize<BrandMonitorState>(JsonSerializer.Serialize(b.Snapshot()))!).ToList();
        Assert.That(stored.Single().Threads.Threads, Is.Not.Empty, "the cut falls inside the thread");
        var after = new BuzzMonitor(Options);
        after.Restore(before.Watermark, stored);
        events.AddRange(Run(after, mentions.Skip(cut)));

        Assert.That(events.Select(e => JsonSerializer.Serialize(e, e.GetType())), Is.EqualTo(uninterrupted.Select(e => JsonSerializer.Serialize(e, e.GetType()))));
    }
}
