using Crisis.Detection.Detecting;

namespace Crisis.Detection.Tests.Detecting;

public class When_a_brand_has_just_started
{
    private static NegativeEvidence Evidence() => new(DetectorOptions.Default);

    [Test]
    public void Its_baseline_share_is_the_documented_prior()
    {
        Assert.That(Evidence().BaselineShare, Is.EqualTo(DetectorOptions.Default.PriorNegativeShare));
    }

    [Test]
    public void Its_first_minute_keeps_no_lasting_weight_in_the_baseline_share()
    {
        // The brand's first minute is all complaints (10 of 10), then 34 hours at 30 % negative: the baseline must read about
        // 0.30. A plain moving average started from the first minute kept about a third of its weight after 34 hours and
        // read a brand's ordinary share far from its truth, so a campaign looked negative.
        var evidence = Evidence();
        evidence.Update(0, 10, 10, null, 10);
        for (var minute = 1; minute < 34 * 60; minute++) evidence.Update(minute, 10, 3, null, 10);
        Assert.That(evidence.BaselineShare, Is.EqualTo(0.30).Within(0.005));
    }

    [Test]
    public void Its_baseline_follows_its_own_share_once_its_mentions_outweigh_the_prior()
    {
        var evidence = Evidence();
        for (var minute = 0; minute < 12 * 60; minute++) evidence.Update(minute, 2, minute % 10 == 0 ? 2 : 0, null, 2);
        Assert.That(evidence.BaselineShare, Is.EqualTo(0.1).Within(0.01));
    }
}

public class When_negative_mentions_pile_up
{
    // A brand with 3 mentions a minute, 30 % of them negative, watched for two days before the wave.
    private static (NegativeEvidence Evidence, long Next) Calm()
    {
        var evidence = new NegativeEvidence(DetectorOptions.Default);
        var series = new SyntheticSeries(11);
        long minute = 0;
        for (; minute < 2 * 24 * 60; minute++)
        {
            var volume = series.Poisson(3);
            evidence.Update(minute, volume, series.Binomial(volume, 0.3), null, 3);
        }
        return (evidence, minute);
    }

    [Test]
    public void A_wave_of_complaints_raises_the_cascade_alarm_within_minutes_and_dates_its_start()
    {
        var (evidence, minute) = Calm();
        var waveStart = minute;
        long? alarmAt = null;
        long onset = 0;
        for (; minute < waveStart + 30 && alarmAt is null; minute++)
        {
            // Three mentions of chatter plus six complaints a minute.
            var (alarm, start) = evidence.Update(minute, 9, 6 + 1, null, 3);
            if (alarm) (alarmAt, onset) = (minute, start);
        }
        Assert.That(alarmAt, Is.Not.Null);
        Assert.That(alarmAt!.Value - waveStart, Is.LessThanOrEqualTo(5));
        Assert.That(onset, Is.InRange(waveStart - 2, waveStart + 1), "the onset is backdated to when evidence started, not the alarm");
    }

    [Test]
    public void Everything_rising_at_the_ordinary_share_raises_no_alarm()
    {
        // A trending hashtag: eight times the volume for an hour, still 30 % negative.
        var (evidence, minute) = Calm();
        var series = new SyntheticSeries(12);
        for (var end = minute + 60; minute < end; minute++)
        {
            var volume = series.Poisson(24);
            Assert.That(evidence.Update(minute, volume, series.Binomial(volume, 0.3), null, 3).Alarm, Is.False, $"minute {minute}");
        }
    }

    [Test]
    public void One_minute_of_a_trending_burst_that_draws_more_complaints_by_chance_raises_no_alarm()
    {
        // Twenty-four mentions a minute at the ordinary share, then a minute that drew 16 negatives and 8 others: against that
        // minute's 8 others alone it reads as almost five times the complaints expected (this paged 3 trending spikes in 100 on the
        // scenario seeds); against the last five minutes' others it is a bad draw in a crowd.
        var (evidence, minute) = Calm();
        for (var end = minute + 10; minute < end; minute++)
            evidence.Update(minute, 24, 7, null, 3, recentOthers: 17, ordinaryVolume: false);
        var (alarm, _) = evidence.Update(minute, 24, 16, null, 3, recentOthers: (4 * 17 + 8) / 5.0, ordinaryVolume: false);
        Assert.That(alarm, Is.False);
        Assert.That(evidence.CascadeLevel, Is.LessThan(0.5));
    }

    [Test]
    public void A_burst_of_praise_teaches_the_baseline_nothing()
    {
        // An hour of a campaign at ten times the volume, 10 % negative: counted into the baseline it would weigh ten hours of
        // ordinary talk and pull the brand's 30 % down, so its ordinary share afterwards would look like a slow burn.
        var (evidence, minute) = Calm();
        var before = evidence.BaselineShare;
        for (var end = minute + 60; minute < end; minute++) evidence.Update(minute, 30, 3, null, 3, ordinaryVolume: false);
        Assert.That(evidence.BaselineShare, Is.EqualTo(before));
    }

    [Test]
    public void A_burst_of_praise_raises_no_alarm()
    {
        var (evidence, minute) = Calm();
        var series = new SyntheticSeries(13);
        for (var end = minute + 60; minute < end; minute++)
        {
            var volume = series.Poisson(30);
            Assert.That(evidence.Update(minute, volume, series.Binomial(volume, 0.1), null, 3).Alarm, Is.False, $"minute {minute}");
        }
    }

    [Test]
    public void A_share_creeping_up_at_constant_volume_raises_the_slow_burn_alarm()
    {
        var (evidence, minute) = Calm();
        var series = new SyntheticSeries(14);
        var start = minute;
        long? alarmAt = null;
        for (; minute < start + 6 * 60 && alarmAt is null; minute++)
        {
            // From 30 % to 60 % negative over two hours, volume unchanged.
            var share = 0.3 + 0.3 * Math.Min(1, (minute - start) / 120.0);
            var volume = series.Poisson(3);
            if (evidence.Update(minute, volume, series.Binomial(volume, share), null, 3).Alarm) alarmAt = minute;
        }
        Assert.That(alarmAt, Is.Not.Null);
        Assert.That(alarmAt!.Value - start, Is.LessThan(3 * 60));
    }

    [Test]
    public void Far_reaching_authors_bring_the_alarm_sooner_than_the_same_count_from_ordinary_ones()
    {
        long AlarmAfter(double reachPerNegative)
        {
            var evidence = new NegativeEvidence(DetectorOptions.Default);
            var series = new SyntheticSeries(15);
            long minute = 0;
            for (; minute < 2 * 24 * 60; minute++)
            {
                var volume = series.Poisson(3);
                var negatives = series.Binomial(volume, 0.3);
                evidence.Update(minute, volume, negatives, negatives * 3, 3);
            }
            for (var start = minute; ; minute++)
                if (evidence.Update(minute, 6, 4, 4 * reachPerNegative, 3).Alarm) return minute - start;
        }
        Assert.That(AlarmAfter(7), Is.LessThan(AlarmAfter(3)));
    }
}

public class When_a_detector_with_negative_evidence_is_snapshotted
{
    [Test]
    public void It_resumes_exactly_where_it_stopped()
    {
        var series = new SyntheticSeries(21).Seasonal(2 * 24 * 60, TimeSpan.FromMinutes(1), 3, negativeShare: 0.3);
        var uninterrupted = new BuzzDetector(DetectorOptions.Default);
        var first = new BuzzDetector(DetectorOptions.Default);
        var half = series.Length / 2;
        for (var i = 0; i < half; i++)
        {
            uninterrupted.Observe(series[i]);
            first.Observe(series[i]);
        }
        var resumed = BuzzDetector.Restore(DetectorOptions.Default, first.Snapshot());
        for (var i = half; i < series.Length; i++)
        {
            var a = uninterrupted.Observe(series[i]);
            var b = resumed.Observe(series[i]);
            Assert.That(b, Is.EqualTo(a), $"bucket {i}");
        }
    }
}

public class When_a_snapshot_from_before_the_sequential_tests_is_restored
{
    [Test]
    public void The_detector_goes_on_from_it_without_a_replay()
    {
        var series = new SyntheticSeries(22).Seasonal(2 * 24 * 60, TimeSpan.FromMinutes(1), 3);
        var uninterrupted = new BuzzDetector(DetectorOptions.Default);
        var half = series.Length / 2;
        for (var i = 0; i < half; i++) uninterrupted.Observe(series[i]);

        var resumed = BuzzDetector.Restore(DetectorOptions.Default, AsFormatOne(uninterrupted.Snapshot()));
        for (var i = half; i < series.Length; i++)
            Assert.That(resumed.Observe(series[i]), Is.EqualTo(uninterrupted.Observe(series[i])), $"bucket {i}");
    }

    /// <summary>
    /// Format 1's layout: version 1, the old share baseline (two doubles) after the last bucket, and no state of the sequential
    /// tests at the end (five doubles of baselines, then two doubles and a long per test).
    /// </summary>
    private static BuzzDetectorSnapshot AsFormatOne(BuzzDetectorSnapshot snapshot)
    {
        const int header = sizeof(int) + 2 * sizeof(long);
        const int negativeEvidence = 9 * sizeof(double) + 2 * sizeof(long);
        var state = snapshot.State;
        var old = new byte[state.Length + 2 * sizeof(double) - negativeEvidence];
        BitConverter.GetBytes(1).CopyTo(old, 0);
        Array.Copy(state, sizeof(int), old, sizeof(int), header - sizeof(int));
        BitConverter.GetBytes(double.NaN).CopyTo(old, header);
        BitConverter.GetBytes(double.NaN).CopyTo(old, header + sizeof(double));
        Array.Copy(state, header, old, header + 2 * sizeof(double), state.Length - header - negativeEvidence);
        return snapshot with { FormatVersion = 1, State = old };
    }
}
