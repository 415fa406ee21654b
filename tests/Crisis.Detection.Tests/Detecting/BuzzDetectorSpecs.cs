using Crisis.Detection.Detecting;

namespace Crisis.Detection.Tests.Detecting;

// Live defaults: 1-minute buckets. A brand with about 5 mentions a minute at its daily peak.
internal static class Scenario
{
    public static readonly DetectorOptions Live = DetectorOptions.Default;
    public static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    public const int Day = 1440;
}

public class When_a_spike_arrives
{
    private BuzzDecision[] decisions = [];
    private const int SpikeStart = 10 * Scenario.Day + 14 * 60;

    [OneTimeSetUp]
    public void Run()
    {
        var series = new SyntheticSeries(1).Seasonal(12 * Scenario.Day, Scenario.Minute, 3);
        SyntheticSeries.AddBurst(series, SpikeStart, 30, 100, negativeShare: 0.6);
        decisions = SyntheticSeries.Run(series, Scenario.Live);
    }

    [Test]
    public void A_massive_spike_alerts_at_its_second_bucket_without_waiting_for_persistence()
    {
        Assert.That(SyntheticSeries.AlertIndexes(decisions).Where(i => i >= SpikeStart - 60), Is.EqualTo(new[] { SpikeStart + 1 }));
    }

    [Test]
    public void A_moderate_spike_alerts_once_its_deviation_has_persisted_ten_minutes()
    {
        var series = new SyntheticSeries(1).Seasonal(12 * Scenario.Day, Scenario.Minute, 3);
        SyntheticSeries.AddBurst(series, SpikeStart, 30, 8, negativeShare: 0.6);

        var moderate = SyntheticSeries.Run(series, Scenario.Live);

        var alerts = SyntheticSeries.AlertIndexes(moderate).Where(i => i >= SpikeStart - 60).ToArray();
        Assert.That(alerts, Has.Length.EqualTo(1));
        var firstStrong = Enumerable.Range(SpikeStart, 30).First(i => moderate[i].Deviation >= moderate[i].Threshold);
        Assert.That(alerts[0], Is.EqualTo(firstStrong + 9), "ten buckets above the alert threshold");
        Assert.That(moderate[alerts[0]].Deviation, Is.LessThan(Scenario.Live.CrisisThreshold * moderate[alerts[0]].Threshold / Scenario.Live.AlertThreshold));
    }

    [Test]
    public void It_is_rising_with_a_high_score_at_its_bucket()
    {
        var alert = decisions[SpikeStart + 9];
        Assert.That(alert.Phase, Is.EqualTo(BuzzPhase.Crisis).Or.EqualTo(BuzzPhase.Rising));
        Assert.That(alert.AnomalyScore, Is.GreaterThan(0.99));
        Assert.That(alert.Severity, Is.InRange(6, 10));
        Assert.That(alert.IsPositive, Is.False);
    }

    [Test]
    public void It_watches_from_the_first_bucket()
    {
        Assert.That(decisions[SpikeStart].Phase, Is.EqualTo(BuzzPhase.Watch));
        Assert.That(decisions[SpikeStart - 1].Phase, Is.EqualTo(BuzzPhase.Calm).Or.EqualTo(BuzzPhase.Watch));
    }

    [Test]
    public void It_subsides_then_calms_down_after_the_quiet_period()
    {
        Assert.That(decisions[SpikeStart + 60].Phase, Is.EqualTo(BuzzPhase.Subsiding));
        Assert.That(decisions[SpikeStart + 8 * 60].Phase, Is.EqualTo(BuzzPhase.Calm).Or.EqualTo(BuzzPhase.Watch));
    }
}

public class When_volume_follows_its_daily_cycle
{
    [Test]
    public void It_pages_at_most_once_a_week_over_four_weeks()
    {
        for (ulong seed = 1; seed <= 3; seed++)
        {
            var decisions = SyntheticSeries.Run(new SyntheticSeries(seed).Seasonal(28 * Scenario.Day, Scenario.Minute, 3), Scenario.Live);
            Assert.That(SyntheticSeries.AlertIndexes(decisions), Has.Length.LessThanOrEqualTo(4), $"seed {seed}");
        }
    }

    [Test]
    public void It_expects_the_cycle_once_a_day_of_history_exists()
    {
        var series = new SyntheticSeries(2).Seasonal(9 * Scenario.Day, Scenario.Minute, 20);
        var model = new SeasonalCountModel(Scenario.Live);
        for (var i = 0; i < series.Length; i++)
        {
            model.Update(series[i].Start.UtcTicks / Scenario.Minute.Ticks, series[i].Volume);
            if (i < 8 * Scenario.Day || i % 180 != 0) continue;
            var truth = SyntheticSeries.DailyRate(series[i].Start, 20, 0.8);
            Assert.That(model.ExpectedInBucket, Is.EqualTo(truth).Within(25).Percent, $"at {series[i].Start:HH:mm}");
        }
    }
}

public class When_a_quiet_brand_has_mostly_empty_buckets
{
    // About 0.05 mentions a minute: 90% of buckets are empty.
    private static BuzzBucket[] Quiet() => new SyntheticSeries(3).Seasonal(21 * Scenario.Day, Scenario.Minute, 0.05, amplitude: 0.9);

    [Test]
    public void Its_noise_pages_at_most_once_a_week()
    {
        var series = Quiet();
        Assert.That(series.Count(b => b.Volume == 0), Is.GreaterThan(series.Length * 8 / 10));
        Assert.That(SyntheticSeries.AlertIndexes(SyntheticSeries.Run(series, Scenario.Live)), Has.Length.LessThanOrEqualTo(3));
    }

    [Test]
    public void A_burst_of_a_few_dozen_mentions_pages()
    {
        var series = Quiet();
        var start = 15 * Scenario.Day + 14 * 60;
        SyntheticSeries.AddBurst(series, start, 20, 3, negativeShare: 0.6);
        var alerts = SyntheticSeries.AlertIndexes(SyntheticSeries.Run(series, Scenario.Live));
        Assert.That(alerts.Where(i => i >= start && i < start + 20), Has.Exactly(1).Items);
    }

    [Test]
    public void Three_mentions_at_once_do_not()
    {
        var series = Quiet();
        var start = 15 * Scenario.Day + 3 * 60;
        SyntheticSeries.AddBurst(series, start, 1, 3, negativeShare: 1);
        var alerts = SyntheticSeries.AlertIndexes(SyntheticSeries.Run(series, Scenario.Live));
        Assert.That(alerts.Where(i => i >= start && i < start + 60), Is.Empty);
    }
}

public class When_the_level_shifts_for_good
{
    [Test]
    public void It_pages_once_then_learns_the_new_level()
    {
        var shift = 10 * Scenario.Day + 12 * 60;
        var before = new SyntheticSeries(4).Seasonal(24 * Scenario.Day, Scenario.Minute, 3);
        var after = new SyntheticSeries(5).Seasonal(24 * Scenario.Day, Scenario.Minute, 9);
        var series = before.Take(shift).Concat(after.Skip(shift)).ToArray();
        var decisions = SyntheticSeries.Run(series, Scenario.Live);
        var alerts = SyntheticSeries.AlertIndexes(decisions).Where(i => i >= shift).ToArray();
        Assert.That(alerts, Is.Not.Empty);
        Assert.That(alerts[0], Is.LessThan(shift + 60));
        Assert.That(alerts.Count(a => decisions[a].Alert == AlertKind.EpisodeStart), Is.EqualTo(1));
        Assert.That(decisions[^1].Phase, Is.EqualTo(BuzzPhase.Calm).Or.EqualTo(BuzzPhase.Watch));
    }
}

public class When_volume_ramps_up_slowly
{
    [Test]
    public void It_follows_the_ramp_without_paging()
    {
        var series = new SyntheticSeries(6).Seasonal(21 * Scenario.Day, Scenario.Minute, 3);
        var rampStart = 10 * Scenario.Day;
        var noise = new SyntheticSeries(60);
        for (var i = rampStart; i < series.Length; i++)
        {
            // Organic growth: +10% a day, compounding (×2.6 over the ramp).
            var growth = Math.Pow(1.1, (i - rampStart) / (double)Scenario.Day) - 1;
            series[i] = series[i] with { Volume = series[i].Volume + noise.Poisson(growth * SyntheticSeries.DailyRate(series[i].Start, 3, 0.8)) };
        }
        var alerts = SyntheticSeries.AlertIndexes(SyntheticSeries.Run(series, Scenario.Live));
        Assert.That(alerts.Where(i => i >= rampStart), Is.Empty);
    }
}

public class When_a_spike_is_positive
{
    private static BuzzDecision[] Run(double burstNegativeShare, out int start)
    {
        var series = new SyntheticSeries(7).Seasonal(12 * Scenario.Day, Scenario.Minute, 3, negativeShare: 0.1);
        start = 10 * Scenario.Day + 15 * 60;
        SyntheticSeries.AddBurst(series, start, 60, 30, burstNegativeShare);
        return SyntheticSeries.Run(series, Scenario.Live);
    }

    [Test]
    public void A_campaign_with_flat_negativity_pages_nobody_but_shows()
    {
        var decisions = Run(0.1, out var start);
        var burst = decisions.Skip(start).Take(60).ToArray();
        Assert.That(burst.Where(d => d.IsAlert), Is.Empty);
        Assert.That(burst[30].IsPositive, Is.True);
        Assert.That(burst[30].Phase, Is.EqualTo(BuzzPhase.Rising).Or.EqualTo(BuzzPhase.Crisis));
        Assert.That(burst[30].AnomalyScore, Is.GreaterThan(0.99));
    }

    [Test]
    public void A_wave_without_any_negative_mention_for_a_brand_that_never_gets_any_pages_nobody()
    {
        var series = new SyntheticSeries(7).Seasonal(12 * Scenario.Day, Scenario.Minute, 3, negativeShare: 0);
        var start = 10 * Scenario.Day + 15 * 60;
        SyntheticSeries.AddBurst(series, start, 60, 30, negativeShare: 0);
        var burst = SyntheticSeries.Run(series, Scenario.Live).Skip(start).Take(60).ToArray();
        Assert.That(burst.Where(d => d.IsAlert), Is.Empty);
        Assert.That(burst[30].IsPositive, Is.True);
    }

    [Test]
    public void A_campaign_that_turns_sour_pages_when_negativity_rises()
    {
        var series = new SyntheticSeries(7).Seasonal(12 * Scenario.Day, Scenario.Minute, 3, negativeShare: 0.1);
        var start = 10 * Scenario.Day + 15 * 60;
        SyntheticSeries.AddBurst(series, start, 60, 30, 0.1);
        SyntheticSeries.AddBurst(series, start + 60, 60, 30, 0.7);
        var alerts = SyntheticSeries.AlertIndexes(SyntheticSeries.Run(series, Scenario.Live)).Where(i => i >= start).ToArray();
        Assert.That(alerts, Has.Length.EqualTo(1));
        Assert.That(alerts[0], Is.InRange(start + 60, start + 75));
    }

    [Test]
    public void The_same_wave_with_rising_negativity_pages()
    {
        var decisions = Run(0.5, out var start);
        // One episode, so one incident; the negative evidence may page it first and the volume escalate it later.
        Assert.That(decisions.Skip(start).Take(60).Count(d => d.Alert == AlertKind.EpisodeStart), Is.EqualTo(1));
    }
}

public class When_a_buzz_flares_up_repeatedly
{
    [Test]
    public void Its_repeats_are_merged_into_one_page()
    {
        var series = new SyntheticSeries(8).Seasonal(12 * Scenario.Day, Scenario.Minute, 3);
        var start = 10 * Scenario.Day + 13 * 60;
        for (var wave = 0; wave < 5; wave++) SyntheticSeries.AddBurst(series, start + wave * 90, 20, 30, negativeShare: 0.6);
        var alerts = SyntheticSeries.AlertIndexes(SyntheticSeries.Run(series, Scenario.Live));
        Assert.That(alerts.Count(i => i >= start), Is.EqualTo(1));
    }

    [Test]
    public void A_much_bigger_wave_within_the_cooldown_pages_again()
    {
        var series = new SyntheticSeries(8).Seasonal(12 * Scenario.Day, Scenario.Minute, 3);
        var start = 10 * Scenario.Day + 9 * 60;
        SyntheticSeries.AddBurst(series, start, 20, 15, negativeShare: 0.6);
        SyntheticSeries.AddBurst(series, start + 10 * 60, 30, 200, negativeShare: 0.6);
        var alerts = SyntheticSeries.AlertIndexes(SyntheticSeries.Run(series, Scenario.Live));
        Assert.That(alerts.Count(i => i >= start), Is.EqualTo(2));
    }
}

public class When_a_brand_is_new
{
    private static int[] AlertsOnFirstDay(double extraPerMinute)
    {
        var series = new SyntheticSeries(9).Seasonal(2 * Scenario.Day, Scenario.Minute, 3);
        SyntheticSeries.AddBurst(series, 14 * 60, 30, extraPerMinute, negativeShare: 0.6);
        return SyntheticSeries.AlertIndexes(SyntheticSeries.Run(series, Scenario.Live)).Where(i => i < Scenario.Day).ToArray();
    }

    [Test]
    public void A_moderate_burst_on_its_first_day_does_not_page()
    {
        Assert.That(AlertsOnFirstDay(6), Is.Empty);
    }

    [Test]
    public void An_extreme_burst_on_its_first_day_pages()
    {
        Assert.That(AlertsOnFirstDay(200), Has.Length.EqualTo(1));
    }
}

public class When_the_same_buckets_are_replayed
{
    private static BuzzBucket[] Series()
    {
        var series = new SyntheticSeries(10).Seasonal(9 * Scenario.Day, Scenario.Minute, 2);
        SyntheticSeries.AddBurst(series, 8 * Scenario.Day, 30, 25, negativeShare: 0.6);
        return series;
    }

    [Test]
    public void It_makes_identical_decisions()
    {
        var first = SyntheticSeries.Run(Series(), Scenario.Live);
        var second = SyntheticSeries.Run(Series(), Scenario.Live);
        Assert.That(second, Is.EqualTo(first));
        Assert.That(first.Count(d => d.IsAlert), Is.GreaterThan(0));
    }

    [Test]
    public void A_detector_restored_from_a_json_snapshot_continues_identically()
    {
        var series = Series();
        var expected = SyntheticSeries.Run(series, Scenario.Live);
        var split = 8 * Scenario.Day - 7;
        var first = new BuzzDetector(Scenario.Live);
        for (var i = 0; i < split; i++) first.Observe(series[i]);
        var json = System.Text.Json.JsonSerializer.Serialize(first.Snapshot());
        var snapshot = System.Text.Json.JsonSerializer.Deserialize<BuzzDetectorSnapshot>(json)!;
        var resumed = BuzzDetector.Restore(Scenario.Live, snapshot);
        var rest = series.Skip(split).Select(bucket => resumed.Observe(bucket)).ToArray();
        Assert.That(rest, Is.EqualTo(expected.Skip(split).ToArray()));
        Assert.That(snapshot.LastBucket, Is.EqualTo(series[split - 1].Start));
        TestContext.Out.WriteLine($"snapshot: {snapshot.State.Length} bytes");
        Assert.That(snapshot.State, Has.Length.LessThan(16 * 1024));
    }

    [Test]
    public void A_snapshot_does_not_restore_under_other_options()
    {
        var detector = new BuzzDetector(Scenario.Live);
        detector.Observe(SyntheticSeries.Start, 3);
        Assert.Throws<InvalidDataException>(() => BuzzDetector.Restore(Scenario.Live with { SeasonalDays = 3 }, detector.Snapshot()));
    }
}

public class When_buckets_arrive_out_of_order_or_with_gaps
{
    [Test]
    public void A_bucket_not_later_than_the_last_is_refused()
    {
        var detector = new BuzzDetector(Scenario.Live);
        detector.Observe(SyntheticSeries.Start.AddMinutes(5), 3);
        Assert.Throws<ArgumentException>(() => detector.Observe(SyntheticSeries.Start.AddMinutes(5).AddSeconds(30), 3));
        Assert.Throws<ArgumentException>(() => detector.Observe(SyntheticSeries.Start, 3));
    }

    [Test]
    public void Missing_buckets_count_as_silence()
    {
        var withGap = new BuzzDetector(Scenario.Live);
        var explicitZeros = new BuzzDetector(Scenario.Live);
        withGap.Observe(SyntheticSeries.Start, 4);
        explicitZeros.Observe(SyntheticSeries.Start, 4);
        for (var i = 1; i < 10; i++) explicitZeros.Observe(SyntheticSeries.Start.AddMinutes(i), 0);
        Assert.That(withGap.Observe(SyntheticSeries.Start.AddMinutes(10), 7), Is.EqualTo(explicitZeros.Observe(SyntheticSeries.Start.AddMinutes(10), 7)));
    }

    [Test]
    public void A_negative_volume_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new BuzzDetector(Scenario.Live).Observe(SyntheticSeries.Start, -1));
    }
}
