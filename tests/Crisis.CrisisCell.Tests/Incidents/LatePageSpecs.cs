using Crisis.CrisisCell.Incidents;
using Crisis.CrisisCell.Incidents.CheckingDeadlines;
using Crisis.CrisisCell.Incidents.Opening;
using Crisis.CrisisCell.Incidents.Reopening;
using Crisis.ServiceDefaults.EventSourcing;
using static Crisis.CrisisCell.Tests.Incidents.Fixtures;

namespace Crisis.CrisisCell.Tests.Incidents;

/// <summary>A page detected at 10:00 reaching the cell at 13:00 (a connector catching up): past the 30-minute horizon.</summary>
public class When_a_page_arrives_late
{
    private static readonly DateTimeOffset Received = Detected.AddHours(3);

    private static OpenIncidentFromBuzz LatePage(bool pageLateBuzzes = false) =>
        Escalation(now: Received) with { LatePages = LatePages with { PageLateBuzzes = pageLateBuzzes } };

    private static IncidentOpened OpenedLate(bool quiet) =>
        new(IncidentId, Organisation, Brand, "Bad buzz on acme", IncidentSource.Buzz, Episode, "esc-1", 70, Onset, Detected, Evidence,
            ScheduledStage.From(Playbook, Received), null, "detector", Received, Late: true, Quiet: quiet);

    [Test]
    public void It_opens_the_incident_marked_late_quiet_and_with_deadlines_from_its_receipt() =>
        Scenario.Given().When(LatePage()).Then(OpenedLate(quiet: true));

    [Test]
    public void It_keeps_the_detection_time_of_its_evidence()
    {
        var incident = Scenario.Given().When(LatePage()).StateAfter();

        Assert.Multiple(() =>
        {
            Assert.That(incident.DetectedAt, Is.EqualTo(Detected));
            Assert.That(incident.OpenedAt, Is.EqualTo(Received));
            Assert.That(incident.Late, Is.True);
            Assert.That(incident.NextStageDeadline, Is.EqualTo(Received.AddMinutes(30)));
        });
    }

    [Test]
    public void The_first_deadline_check_misses_no_stage() =>
        Scenario.Given(OpenedLate(quiet: true)).When(new CheckDeadlines(IncidentId, Received.AddSeconds(17))).ThenNothing();

    [Test]
    public void When_late_buzz_is_to_be_paged_it_opens_late_but_not_quiet() =>
        Scenario.Given().When(LatePage(pageLateBuzzes: true)).Then(OpenedLate(quiet: false));

    [Test]
    public void A_page_exactly_at_the_horizon_is_on_time()
    {
        var opened = (IncidentOpened)Scenario.Given().When(Escalation(now: Detected.AddMinutes(30))).Decided().Single();

        Assert.Multiple(() =>
        {
            Assert.That(opened.Late, Is.False);
            Assert.That(opened.Stages[0].Deadline, Is.EqualTo(Detected.AddMinutes(30)));
        });
    }

    [Test]
    public void An_on_time_page_is_unchanged() =>
        Scenario.Given().When(Escalation()).Then(Opened());

    [Test]
    public void An_on_time_page_of_the_episode_ends_the_silence_and_paging_counts_from_it()
    {
        var live = Received.AddMinutes(5);

        var incident = Scenario.Given(OpenedLate(quiet: true)).When(Escalation("esc-2", now: live, detected: live.AddMinutes(-1))).StateAfter();

        Assert.Multiple(() =>
        {
            Assert.That(incident.Quiet, Is.False);
            Assert.That(incident.PagingSince, Is.EqualTo(live));
            Assert.That(incident.Stages[0].Deadline, Is.EqualTo(Received.AddMinutes(30)), "the deadlines still count from when the cell learned of it");
        });
    }

    [Test]
    public void Another_late_page_leaves_the_incident_quiet() =>
        Assert.That(Scenario.Given(OpenedLate(quiet: true)).When(Escalation("esc-2", now: Received.AddMinutes(5), detected: Detected.AddMinutes(20)))
            .StateAfter().Quiet, Is.True);

    [Test]
    public void A_late_page_does_not_reopen_a_resolved_incident() =>
        Scenario.Given(ResolvedIncident()).When(Escalation("esc-2", now: Now.AddHours(9), detected: Detected.AddHours(1)))
            .Then(new BuzzEscalationRecorded(IncidentId, "esc-2", 70, Detected.AddHours(1), Evidence, "detector", Now.AddHours(9), Late: true));

    [Test]
    public void A_late_page_reopens_a_resolved_incident_when_late_buzz_is_to_be_paged() =>
        Assert.That(Scenario.Given(ResolvedIncident())
            .When(Escalation("esc-2", now: Now.AddHours(9), detected: Detected.AddHours(1)) with { LatePages = LatePages with { PageLateBuzzes = true } })
            .Decided().OfType<IncidentReopened>(), Is.Not.Empty);

    [Test]
    public void A_horizon_that_is_not_positive_is_refused_as_invalid() =>
        Scenario.Given().When(Escalation() with { LatePages = LatePages with { Horizon = TimeSpan.Zero } })
            .ThenRefused(DomainRefusalKind.Invalid, "late-page horizon");
}
