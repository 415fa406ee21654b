using Crisis.CrisisCell.Incidents;
using Crisis.CrisisCell.Incidents.CheckingDeadlines;
using Crisis.CrisisCell.Incidents.Escalating;
using Crisis.CrisisCell.Incidents.WalkingThePlaybook;
using static Crisis.CrisisCell.Tests.Incidents.Fixtures;

namespace Crisis.CrisisCell.Tests.Incidents;

public class When_a_stage_passes_its_deadline
{
    private static readonly DateTimeOffset RespondDeadline = Detected.AddMinutes(30);
    private static CheckDeadlines CheckAt(DateTimeOffset now) => new(IncidentId, now);

    [Test]
    public void Nothing_happens_before_the_deadline() =>
        Scenario.Given(Acked()).When(CheckAt(RespondDeadline.AddTicks(-1))).ThenNothing();

    [Test]
    public void The_stage_is_marked_missed_and_the_incident_escalates() =>
        Scenario.Given(Acked()).When(CheckAt(RespondDeadline)).Then(
            new StageDeadlineMissed(IncidentId, "respond", RespondDeadline, RespondDeadline),
            new IncidentEscalated(IncidentId, 2, "stage 'Respond' missed its deadline (2026-11-27T10:30:00.0000000+00:00)",
                "system:stage-deadline", RespondDeadline));

    [Test]
    public void An_unacknowledged_incident_escalates_too() =>
        Assert.That(Scenario.Given(Opened()).When(CheckAt(RespondDeadline)).Decided(), Has.Count.EqualTo(2));

    [Test]
    public void A_stage_escalates_once_however_often_the_timer_fires()
    {
        var first = Scenario.Given(Acked()).When(CheckAt(RespondDeadline)).Decided();

        Scenario.Given([.. Acked(), .. first]).When(CheckAt(RespondDeadline.AddMinutes(5))).ThenNothing();
    }

    [Test]
    public void A_stage_done_in_time_never_escalates() =>
        Scenario.Given([.. Acked(), new StageAdvanced(IncidentId, "respond", "be-transparent", [], "alice", Now.AddMinutes(20))])
            .When(CheckAt(RespondDeadline.AddMinutes(1))).ThenNothing();

    [Test]
    public void Each_stage_late_at_once_escalates_one_level_more()
    {
        var events = Scenario.Given(Acked()).When(CheckAt(Detected.AddHours(3))).Decided();

        Assert.That(events.OfType<StageDeadlineMissed>().Select(e => e.StageId), Is.EqualTo(new[] { "respond", "be-transparent" }));
        Assert.That(events.OfType<IncidentEscalated>().Select(e => e.Level), Is.EqualTo(new[] { 2, 3 }));
    }

    [Test]
    public void Deadlines_no_longer_bind_once_the_cell_is_monitoring() =>
        Scenario.Given(Opened(), Acknowledged(), MonitoringStarted()).When(CheckAt(Detected.AddDays(1))).ThenNothing();

    [Test]
    public void A_late_timer_on_a_closed_incident_does_nothing() =>
        Scenario.Given(ClosedIncident()).When(CheckAt(Detected.AddDays(5))).ThenNothing();

    [Test]
    public void A_timer_for_an_incident_never_opened_does_nothing() =>
        Scenario.Given().When(CheckAt(Detected)).ThenNothing();

    [Test]
    public void The_incident_remembers_which_stages_were_missed()
    {
        var incident = Scenario.Given(Acked()).When(CheckAt(RespondDeadline)).StateAfter();

        Assert.That(incident.MissedStageIds, Is.EquivalentTo(new[] { "respond" }));
        Assert.That(incident.EscalationLevel, Is.EqualTo(2));
    }
}
