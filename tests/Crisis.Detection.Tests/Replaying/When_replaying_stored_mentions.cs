using Crisis.Detection.Buzz;
using Crisis.Detection.Monitoring;
using Crisis.Detection.Replaying;
using Crisis.Detection.Signals;
using Crisis.Detection.Tests.Monitoring;
using Crisis.Ingestion.Brands;
using Crisis.Ingestion.Mentions;

namespace Crisis.Detection.Tests.Replaying;

public class When_replaying_stored_mentions
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Onset = Start.AddHours(30);
    private static readonly MonitorOptions Options = new();

    private static IReadOnlyList<object> Stored() => StoredScenario.Record(new SignalScenario(Start)
        .Baseline("acme", 3, TimeSpan.FromHours(40))
        .Baseline("globex", 2, TimeSpan.FromHours(40))
        .Wave("acme", Onset, 60, TimeSpan.FromMinutes(40), negativeShare: 0.85)
        .Wave("globex", Onset.AddHours(2), 40, TimeSpan.FromMinutes(30), negativeShare: 0.05)
        .InPublicationOrder());

    /// <summary>What the live subscription appended: every brand followed, pages of 200 events, campaigns applied between mentions.</summary>
    public static List<object> Live(IReadOnlyList<object> stored, MonitorOptions options)
    {
        var monitor = new BuzzMonitor(options);
        var events = new List<object>();
        foreach (var page in stored.Chunk(200))
        {
            var pending = new List<MentionSignal>();
            foreach (var e in page)
            {
                if (e is MentionsRecorded recorded) { pending.AddRange(MentionSignal.From(recorded)); continue; }
                var campaign = (CampaignWindowDeclared)e;
                events.AddRange(monitor.Observe(pending));
                pending.Clear();
                monitor.Declare(campaign.BrandId, new CampaignWindow(campaign.CampaignId, campaign.Name, campaign.From, campaign.To, campaign.DeclaredBy));
            }
            events.AddRange(monitor.Observe(pending));
        }
        return events;
    }

    [Test]
    public void Following_one_brand_in_store_order_reproduces_the_live_events_exactly()
    {
        var stored = Stored();
        var window = new ReplayWindow("acme", Onset.AddHours(-6), Onset.AddHours(6));
        var live = Live(stored, Options).Where(window.Contains).ToList();

        var comparison = new ReplayComparison(window, live, DetectionReplay.Run(stored, Options, window));

        Assert.That(live.OfType<BuzzEscalated>(), Is.Not.Empty, "the window holds a page");
        Assert.That(comparison.FirstDifference, Is.Null);
        Assert.That(comparison.ReproducesLive, Is.True);
    }

    [Test]
    public void A_campaign_declared_in_the_store_is_applied_where_live_applied_it()
    {
        var stored = Stored().ToList();
        stored.Insert(stored.Count / 2, new CampaignWindowDeclared("acme", "launch", "Launch", Onset.AddMinutes(-30), Onset.AddHours(2), "carol", Start));
        var window = new ReplayWindow("acme", Onset.AddHours(-6), Onset.AddHours(6));
        var live = Live(stored, Options).Where(window.Contains).ToList();

        var replayed = DetectionReplay.Run(stored, Options, window);

        Assert.That(replayed.OfType<AlertSuppressedByCampaign>(), Is.Not.Empty);
        Assert.That(new ReplayComparison(window, live, replayed).ReproducesLive, Is.True);
    }

    [Test]
    public void A_replay_under_other_options_reports_the_first_difference()
    {
        var stored = Stored();
        var window = new ReplayWindow("acme", Onset.AddHours(-6), Onset.AddHours(6));
        var live = Live(stored, Options).Where(window.Contains).ToList();
        var other = Options with { Detector = Options.Detector with { AlertThreshold = 100, CrisisThreshold = 200 } };

        var comparison = new ReplayComparison(window, live, DetectionReplay.Run(stored, other, window));

        Assert.That(comparison.ReproducesLive, Is.False);
        Assert.That(comparison.FirstDifference!.Live, Is.Not.EqualTo(comparison.FirstDifference.Replayed));
    }

    [Test]
    public void A_brand_that_falls_silent_moves_on_with_the_others_as_live_did()
    {
        // Acme stops talking an hour after its wave; only globex's mentions move the watermark afterwards.
        var stored = StoredScenario.Record(new SignalScenario(Start)
            .Baseline("acme", 3, TimeSpan.FromHours(31))
            .Wave("acme", Onset, 60, TimeSpan.FromMinutes(40), negativeShare: 0.85)
            .Baseline("globex", 2, TimeSpan.FromHours(40))
            .InPublicationOrder());
        var window = new ReplayWindow("acme", Onset.AddHours(2), Onset.AddHours(10));
        var live = Live(stored, Options).Where(window.Contains).ToList();

        var comparison = new ReplayComparison(window, live, DetectionReplay.Run(stored, Options, window));

        Assert.That(live, Is.Not.Empty, "live decided acme's silent buckets");
        Assert.That(comparison.FirstDifference, Is.Null);
    }

    [Test]
    public void Only_the_window_of_the_followed_brand_is_kept()
    {
        var window = new ReplayWindow("acme", Onset, Onset.AddHours(1));

        var replayed = DetectionReplay.Run(Stored(), Options, window);

        Assert.That(replayed, Is.Not.Empty);
        Assert.That(replayed.Select(BuzzEventFacts.BrandOf), Is.All.EqualTo("acme"));
        Assert.That(replayed.Select(BuzzEventFacts.BucketOf), Is.All.InRange(Onset, Onset.AddMinutes(59)));
    }
}
