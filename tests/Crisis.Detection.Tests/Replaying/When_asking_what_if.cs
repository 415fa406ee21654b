using Crisis.Detection.Detecting;
using Crisis.Detection.Monitoring;
using Crisis.Detection.Replaying;
using Crisis.Detection.Tests.Monitoring;

namespace Crisis.Detection.Tests.Replaying;

public class When_asking_what_if
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Onset = Start.AddHours(30);
    private static readonly MonitorOptions Options = new();
    // The volume path alone, for the specs about its thresholds: the sequential tests on negatives would page these waves on their own.
    private static readonly MonitorOptions VolumeOnly = new() { Detector = DetectorOptions.Default with { CascadeEvidence = 1_000_000, SlowBurnEvidence = 1_000_000 } };
    private static readonly ReplayWindow Window = new("acme", Onset.AddHours(-6), Onset.AddHours(6));

    private static IReadOnlyList<object> Stored(double wavePerMinute) => StoredScenario.Record(new SignalScenario(Start)
        .Baseline("acme", 3, TimeSpan.FromHours(40))
        .Baseline("globex", 2, TimeSpan.FromHours(40))
        .Wave("acme", Onset, wavePerMinute, TimeSpan.FromMinutes(40), negativeShare: 0.85)
        .InPublicationOrder());

    private static WhatIfComparison WhatIf(IReadOnlyList<object> stored, Func<DetectorOptions, DetectorOptions> change, MonitorOptions? liveOptions = null)
    {
        var live = When_replaying_stored_mentions.Live(stored, liveOptions ?? Options).Where(Window.Contains).ToList();
        var options = (liveOptions ?? Options) with { Detector = change((liveOptions ?? Options).Detector).Validate() };
        return WhatIfComparison.Compare(Window, live, DetectionReplay.Run(stored, options, Window));
    }

    [Test]
    public void The_same_options_change_nothing()
    {
        var report = WhatIf(Stored(60), d => d);

        Assert.That(report.LivePages, Is.Not.Empty);
        Assert.That(report.Appeared, Is.Empty);
        Assert.That(report.Vanished, Is.Empty);
        Assert.That(report.FalseAlarms, Is.Empty);
        Assert.That(report.Episodes.Select(e => e.WhatIfTimeToDetect), Is.EqualTo(report.Episodes.Select(e => e.LiveTimeToDetect)));
    }

    [Test]
    public void A_much_higher_threshold_makes_the_live_pages_vanish()
    {
        var report = WhatIf(Stored(60), d => d with { AlertThreshold = 500, CrisisThreshold = 900, CascadeEvidence = 1_000_000, SlowBurnEvidence = 1_000_000 });

        Assert.That(report.LivePages, Is.Not.Empty);
        Assert.That(report.WhatIfPages, Is.Empty);
        Assert.That(report.Vanished, Is.EqualTo(report.LivePages));
        var paged = report.Episodes.Where(e => e.LiveTimeToDetect is not null).ToList();
        Assert.That(paged, Is.Not.Empty);
        Assert.That(paged.Select(e => e.WhatIfTimeToDetect), Is.All.Null);
    }

    [Test]
    public void A_lower_threshold_adds_pages_and_reports_how_soon_they_come()
    {
        // A mild wave that the defaults see but do not page for.
        var stored = Stored(4);
        var report = WhatIf(stored, d => d with { WatchThreshold = 1, AlertThreshold = 1.5, ReleaseThreshold = 1, Persistence = TimeSpan.FromMinutes(3) }, VolumeOnly);

        Assert.That(report.LivePages, Is.Empty, "live did not page");
        Assert.That(report.Appeared, Is.Not.Empty);
        Assert.That(report.Appeared, Is.EqualTo(report.WhatIfPages));
        var detected = report.Episodes.Where(e => e.WhatIfTimeToDetect is not null).ToList();
        Assert.That(detected, Is.Not.Empty);
        Assert.That(detected.Select(e => e.WhatIfTimeToDetect!.Value), Is.All.InRange(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(40)));
        Assert.That(report.FalseAlarms, Is.EqualTo(report.WhatIfPages), "live never paged these episodes");
    }
}
