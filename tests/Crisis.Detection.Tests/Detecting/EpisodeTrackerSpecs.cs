using Crisis.Detection.Detecting;

namespace Crisis.Detection.Tests.Detecting;

/// <summary>
/// A small buzz was paged and is still open when a second wave of complaints starts (a cascade hours later): the cell must
/// hear of it, once, while the further alarms of a wave already paged stay quiet.
/// </summary>
public class When_new_complaints_arrive_in_an_open_episode
{
    private long bucket;

    // Deviation in Poisson standard deviations; thresholds at their defaults (watch 3, alert 4, release 2, crisis 12).
    private AlertKind Step(double deviation, bool negativeAlarm = false) =>
        tracker.Update(bucket++, deviation, thresholdFactor: 1, releaseFactor: 1, eligible: true, positive: false, negativeAlarm).Alert;

    // NUnit shares one fixture instance between its tests: each starts from a brand-new tracker.
    private EpisodeTracker tracker = null!;

    [SetUp]
    public void NewTracker()
    {
        tracker = new EpisodeTracker(DetectorOptions.Default);
        bucket = 0;
    }

    private void Minutes(int count, double deviation)
    {
        for (var i = 0; i < count; i++) Assert.That(Step(deviation), Is.EqualTo(AlertKind.None), $"bucket {bucket} at deviation {deviation}");
    }

    [Test]
    public void A_fresh_alarm_after_the_first_wave_subsided_pages_as_an_escalation_once()
    {
        Assert.That(Step(2.5, negativeAlarm: true), Is.EqualTo(AlertKind.EpisodeStart), "the first wave pages");
        Minutes(60, 1.0);

        Assert.That(Step(3.5, negativeAlarm: true), Is.EqualTo(AlertKind.Escalation), "the second wave is news");
        Minutes(30, 1.0);
        Assert.That(Step(3.5, negativeAlarm: true), Is.EqualTo(AlertKind.None), "one escalation per episode: no flood");
    }

    [Test]
    public void Further_alarms_while_the_paged_wave_still_runs_page_nobody()
    {
        Assert.That(Step(5, negativeAlarm: true), Is.EqualTo(AlertKind.EpisodeStart));
        for (var i = 0; i < 20; i++)
            Assert.That(Step(5, negativeAlarm: i % 4 == 0), Is.EqualTo(AlertKind.None), "the same wave, evidence renewed every few minutes");
    }

    [Test]
    public void Volume_at_crisis_level_escalates_and_then_a_later_alarm_does_not_page_again()
    {
        Assert.That(Step(5, negativeAlarm: true), Is.EqualTo(AlertKind.EpisodeStart));
        Assert.That(Step(13), Is.EqualTo(AlertKind.Escalation), "volume at crisis level");
        Minutes(60, 1.0);
        Assert.That(Step(3.5, negativeAlarm: true), Is.EqualTo(AlertKind.None), "already escalated");
    }
}
