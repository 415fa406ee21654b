using Crisis.CrisisCell.Incidents;
using Crisis.CrisisCell.Incidents.Acknowledging;
using Crisis.CrisisCell.Incidents.Monitoring;
using Crisis.Reporting.Measuring;
using static Crisis.Reporting.Tests.ScriptedBuzz;

namespace Crisis.Reporting.Tests.Measuring;

public class When_an_incident_is_measured
{
    private static readonly KpiOptions TenMinuteWindows = new() { ResponseWindow = TimeSpan.FromMinutes(10) };

    private static IncidentKpis Measure(IncidentFacts? facts = null, KpiOptions? options = null, DateTimeOffset? at = null) =>
        IncidentMeasurement.Measure(facts ?? Facts(), options ?? TenMinuteWindows, at ?? EvaluatedAt);

    [Test]
    public void Each_response_time_counts_from_detection_and_detection_from_the_onset()
    {
        var kpis = Measure();

        Assert.Multiple(() =>
        {
            Assert.That(kpis.TimeToDetectMinutes, Is.EqualTo(5), "onset 10:00, detected 10:05");
            Assert.That(kpis.TimeToOpenMinutes, Is.EqualTo(0.5), "opened 10:05:30");
            Assert.That(kpis.TimeToNotifyMinutes, Is.EqualTo(1), "first notification sent 10:06");
            Assert.That(kpis.TimeToAcknowledgeMinutes, Is.EqualTo(7), "acknowledged 10:12");
            Assert.That(kpis.TimeToFirstPublicResponseMinutes, Is.EqualTo(15.5), "published 10:20:30");
            Assert.That(kpis.TimeToSubsideMinutes, Is.EqualTo(56), "calm in the 11:00 bucket, decided at its end 11:01");
            Assert.That(kpis.SubsidedAt, Is.EqualTo(At(11, 1)), "the other episode's subsiding is not this incident's");
        });
    }

    [Test]
    public void The_curve_gives_the_peaks_the_baseline_and_the_return_to_it()
    {
        var kpis = Measure();

        Assert.Multiple(() =>
        {
            Assert.That(kpis.BaselineMentionsPerBucket, Is.EqualTo(4), "mean of 09:00-09:59");
            Assert.That(kpis.PeakMentions, Is.EqualTo(new Peak(100, At(10, 4))), "the first bucket to reach 100");
            Assert.That(kpis.PeakVelocity, Is.EqualTo(new Peak(40, At(10, 2))), "30 -> 70 is the steepest rise");
            Assert.That(kpis.PeakNegativeShare, Is.EqualTo(new Peak(0.9, At(10, 2))), "54 of 60 scored");
            Assert.That(kpis.BackToBaselineAt, Is.EqualTo(At(10, 51)), "10:51-10:53 average 4");
            Assert.That(kpis.TimeBackToBaselineMinutes, Is.EqualTo(46));
        });
    }

    [Test]
    public void A_peak_share_needs_enough_scored_mentions()
    {
        var series = Series();
        var points = series.Points.ToList();
        // 3 of 3 negative at 10:30: 100 %, but on 3 mentions only.
        points[90] = new Crisis.Ingestion.Charting.SeriesPoint(At(10, 30), 3, 3, 3);

        var kpis = Measure(Facts() with { Series = series with { Points = points } });

        Assert.That(kpis.PeakNegativeShare!.Value, Is.EqualTo(0.9));
    }

    [Test]
    public void The_negative_share_is_compared_over_the_windows_around_each_response_leaving_its_own_bucket_out()
    {
        var response = Measure().Responses.Single();

        Assert.Multiple(() =>
        {
            Assert.That((response.Before.From, response.Before.To), Is.EqualTo((At(10, 10), At(10, 20))));
            Assert.That((response.Before.Scored, response.Before.Negative, response.Before.NegativeShare), Is.EqualTo((1000L, 800L, 0.8)));
            Assert.That((response.After.From, response.After.To), Is.EqualTo((At(10, 21), At(10, 31))));
            Assert.That((response.After.Scored, response.After.Negative, response.After.NegativeShare), Is.EqualTo((600L, 300L, 0.5)));
            Assert.That(response.ChangeInShare, Is.EqualTo(-0.3).Within(1e-12));
            Assert.That(response.Before.Complete && response.After.Complete, Is.True);
            Assert.That(response.MinutesAfterDetection, Is.EqualTo(15.5));
        });
    }

    [Test]
    public void The_default_window_is_thirty_minutes_and_a_window_past_the_curve_is_incomplete()
    {
        var response = Measure(options: new KpiOptions()).Responses.Single();
        var early = Measure(at: At(10, 40), options: new KpiOptions()).Responses.Single();

        Assert.Multiple(() =>
        {
            Assert.That((response.Before.From, response.After.To), Is.EqualTo((At(9, 50), At(10, 51))));
            Assert.That(response.After.NegativeShare, Is.EqualTo(0.5), "10:21-10:50: 60 a minute, half negative");
            Assert.That(early.After.Complete, Is.False, "at 10:40 the window to 10:51 has not elapsed");
            Assert.That(early.After.Scored, Is.EqualTo(19 * 60), "only buckets wholly elapsed count: 10:21-10:39");
        });
    }

    [Test]
    public void Each_stage_is_judged_against_its_deadline()
    {
        var stages = Measure().Stages;

        Assert.That(stages.Select(s => (s.StageId, s.Outcome, s.CompletedAt, s.MarginMinutes)), Is.EqualTo(new[]
        {
            ("respond", StageOutcome.Met, (DateTimeOffset?)At(10, 30), (double?)5),
            ("be-transparent", StageOutcome.Missed, At(12, 15), -10),
            ("acknowledge", StageOutcome.Met, At(12, 30), 215),
        }));
    }

    [Test]
    public void Stages_not_done_are_missed_once_due_and_pending_before()
    {
        var kpis = Measure(Facts([Opened()]), at: At(10, 50));

        Assert.Multiple(() =>
        {
            Assert.That(kpis.Stages.Select(s => (s.StageId, s.Outcome, s.MarginMinutes)), Is.EqualTo(new[]
            {
                ("respond", StageOutcome.Missed, (double?)-15),
                ("be-transparent", StageOutcome.Pending, 75),
                ("acknowledge", StageOutcome.Pending, 315),
            }));
            Assert.That(kpis.TimeToAcknowledgeMinutes, Is.Null);
            Assert.That(kpis.TimeToNotifyMinutes, Is.Null);
            Assert.That(kpis.TimeToFirstPublicResponseMinutes, Is.Null);
            Assert.That(kpis.StagesJudged, Is.EqualTo(1));
        });
    }

    [Test]
    public void Going_to_monitoring_ends_the_current_stage_and_skips_the_rest()
    {
        var kpis = Measure(Facts([Opened(), new IncidentAcknowledged(IncidentId, "alice", At(10, 8)), new MonitoringStarted(IncidentId, ["be-transparent", "acknowledge"], "alice", At(10, 20))]));

        Assert.That(kpis.Stages.Select(s => (s.StageId, s.Outcome)), Is.EqualTo(new[]
        {
            ("respond", StageOutcome.Met), ("be-transparent", StageOutcome.Skipped), ("acknowledge", StageOutcome.Skipped),
        }));
        Assert.That((kpis.StagesMet, kpis.StagesJudged), Is.EqualTo((1, 1)));
    }

    [Test]
    public void The_detections_are_the_opening_page_and_each_escalation()
    {
        Assert.That(Measure().Detections, Is.EqualTo(new[] { new DetectionMark(Detected, 6, "EpisodeStart"), new DetectionMark(At(10, 10), 8, "Escalation") }));
    }

    [Test]
    public void The_curve_read_runs_from_the_baseline_before_the_onset_to_now_while_the_incident_is_open()
    {
        var window = IncidentMeasurement.SeriesWindow(Events(), BuzzEvents(), new KpiOptions(), TimeSpan.FromMinutes(1), EvaluatedAt);

        Assert.That(window, Is.EqualTo(new TimeWindow(At(9, 0), EvaluatedAt)));
    }

    [Test]
    public void A_resolved_incident_s_curve_stops_a_few_buckets_after_its_last_fact()
    {
        var events = Events();
        events.Add(new Crisis.CrisisCell.Incidents.Resolving.IncidentResolved(IncidentId, "calm", "alice", At(12, 40)));

        var window = IncidentMeasurement.SeriesWindow(events, BuzzEvents(), new KpiOptions(), TimeSpan.FromMinutes(1), At(23, 0));

        Assert.That(window, Is.EqualTo(new TimeWindow(At(9, 0), At(12, 43))), "resolved 12:40, plus 3 buckets to see the curve hold");
    }

    [Test]
    public void The_curve_read_never_covers_more_than_a_series_may()
    {
        var window = IncidentMeasurement.SeriesWindow(Events(), BuzzEvents(), new KpiOptions(), TimeSpan.FromMinutes(1), At(9, 0).AddDays(90));

        Assert.That(window, Is.EqualTo(new TimeWindow(At(9, 0), At(9, 0).AddDays(31))), "an incident open for 90 days: the first 31 days of its curve");
    }

    [Test]
    public void An_incident_opened_by_hand_has_no_time_to_detect()
    {
        var opened = Opened() with { Source = IncidentSource.Manual, EpisodeId = null, EscalationId = null, OnsetAt = null };

        var kpis = Measure(Facts([opened]) with { BuzzEvents = [] });

        Assert.Multiple(() =>
        {
            Assert.That(kpis.TimeToDetectMinutes, Is.Null);
            Assert.That(kpis.TimeToSubsideMinutes, Is.Null);
            Assert.That(kpis.BaselineMentionsPerBucket, Is.Null, "no onset, no pre-onset level");
            Assert.That(kpis.Detections.Single().Kind, Is.EqualTo("OpenedByHand"));
        });
    }
}
