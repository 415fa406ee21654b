using Crisis.CrisisCell.Incidents;
using Crisis.CrisisCell.Incidents.Opening;
using static Crisis.CrisisCell.Tests.Incidents.Fixtures;

namespace Crisis.CrisisCell.Tests.Incidents;

/// <summary>
/// An episode's start page (detected at 10:00) and its escalation (detected at 10:10), consumed in either order at
/// 10:12. The incident is detected when its first page was, whatever order the cell hears of them.
/// </summary>
public class When_an_episode_s_pages_arrive_out_of_order
{
    private static readonly DateTimeOffset EscalatedAt = Detected.AddMinutes(10);
    private static readonly DateTimeOffset Received = EscalatedAt.AddMinutes(2);

    private static OpenIncidentFromBuzz Start(int severity = 70) => Escalation("start", severity, now: Received, detected: Detected);

    private static OpenIncidentFromBuzz Escalated() => Escalation("escalation", 85, now: Received, detected: EscalatedAt);

    private static IncidentEvent[] Consumed(params OpenIncidentFromBuzz[] pages)
    {
        var events = new List<IncidentEvent>();
        foreach (var page in pages) events.AddRange(Scenario.Given([.. events]).When(page).Decided());
        return [.. events];
    }

    private static Incident After(params OpenIncidentFromBuzz[] pages) => (Incident)IncidentDecider.Instance.Fold(Consumed(pages));

    [Test]
    public void In_order_the_escalation_leaves_detection_at_the_start_page() =>
        Scenario.Given(Consumed(Start())).When(Escalated())
            .Then(new BuzzEscalationRecorded(IncidentId, "escalation", 85, EscalatedAt, Evidence, "detector", Received));

    [Test]
    public void The_start_page_consumed_after_the_escalation_moves_detection_and_deadlines_earlier() =>
        Scenario.Given(Consumed(Escalated())).When(Start())
            .Then(
                new BuzzEscalationRecorded(IncidentId, "start", 70, Detected, Evidence, "detector", Received),
                new IncidentDetectedEarlier(IncidentId, "start", Detected, Onset, ScheduledStage.From(Playbook, Detected), "detector", Received));

    [Test]
    public void Both_orders_give_the_same_detection_time_deadlines_and_severity()
    {
        var inOrder = After(Start(), Escalated());
        var outOfOrder = After(Escalated(), Start());

        Assert.Multiple(() =>
        {
            Assert.That(outOfOrder.DetectedAt, Is.EqualTo(Detected));
            Assert.That(outOfOrder.DetectedAt, Is.EqualTo(inOrder.DetectedAt));
            Assert.That(outOfOrder.Stages.Select(s => s.Deadline), Is.EqualTo(inOrder.Stages.Select(s => s.Deadline)));
            Assert.That(outOfOrder.NextStageDeadline, Is.EqualTo(Detected.AddMinutes(30)));
            Assert.That(outOfOrder.Severity, Is.EqualTo(inOrder.Severity));
        });
    }

    [Test]
    public void Out_of_order_the_incident_opens_once() =>
        Assert.That(Consumed(Escalated(), Start()).OfType<IncidentOpened>().Count(), Is.EqualTo(1));

    [Test]
    public void The_incident_shows_the_newest_page_s_evidence_whatever_the_order()
    {
        var newest = Evidence with { Mentions = 5000 };
        var escalated = Escalated() with { Evidence = newest };

        Assert.That(((Incident)IncidentDecider.Instance.Fold(Consumed(escalated, Start()))).Evidence, Is.SameAs(newest));
    }

    [Test]
    public void The_start_page_redelivered_after_moving_detection_changes_nothing() =>
        Scenario.Given(Consumed(Escalated(), Start())).When(Start()).ThenNothing();

    [Test]
    public void A_start_page_below_the_threshold_moves_detection_in_neither_order()
    {
        var quietStart = Start(severity: Threshold - 1);

        Assert.Multiple(() =>
        {
            Assert.That(After(quietStart, Escalated()).DetectedAt, Is.EqualTo(EscalatedAt), "in order it opens nothing");
            Assert.That(After(Escalated(), quietStart).DetectedAt, Is.EqualTo(EscalatedAt), "out of order it is recorded, nothing more");
        });
    }

    [Test]
    public void A_start_page_consumed_after_the_resolution_does_not_reopen_the_incident()
    {
        var resolved = Consumed(Escalated()).Append(Acknowledged()).Append(Resolved());

        // A horizon wide enough that the page is not late: only its being old news keeps the incident resolved.
        var start = Start() with { Now = Now.AddHours(9), LatePages = LatePages with { Horizon = TimeSpan.FromDays(1) } };

        Assert.That(Scenario.Given([.. resolved]).When(start).Decided().Select(e => e.GetType()),
            Is.EqualTo(new[] { typeof(BuzzEscalationRecorded), typeof(IncidentDetectedEarlier) }));
    }

    [Test]
    public void An_earlier_page_arriving_late_moves_detection_but_not_the_deadlines()
    {
        var opened = Consumed(Escalated());
        var lateStart = Start() with { Now = Detected.AddHours(1) };

        var incident = Scenario.Given(opened).When(lateStart).StateAfter();

        Assert.Multiple(() =>
        {
            Assert.That(incident.DetectedAt, Is.EqualTo(Detected));
            Assert.That(incident.Stages[0].Deadline, Is.EqualTo(EscalatedAt.AddMinutes(30)), "a deadline never moves on evidence that came too late to act on");
        });
    }
}
