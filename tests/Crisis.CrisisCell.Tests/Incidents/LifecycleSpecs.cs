using Crisis.CrisisCell.Incidents;
using Crisis.CrisisCell.Incidents.Acknowledging;
using Crisis.CrisisCell.Incidents.Closing;
using Crisis.CrisisCell.Incidents.Escalating;
using Crisis.CrisisCell.Incidents.Monitoring;
using Crisis.CrisisCell.Incidents.Noting;
using Crisis.CrisisCell.Incidents.Reopening;
using Crisis.CrisisCell.Incidents.Resolving;
using Crisis.ServiceDefaults.EventSourcing;
using static Crisis.CrisisCell.Tests.Incidents.Fixtures;

namespace Crisis.CrisisCell.Tests.Incidents;

public class When_a_responder_acknowledges
{
    private static readonly AcknowledgeIncident Ack = new(IncidentId, "alice", Now.AddMinutes(3));

    [Test]
    public void The_opened_incident_is_acknowledged_by_them() =>
        Scenario.Given(Opened()).When(Ack).Then(new IncidentAcknowledged(IncidentId, "alice", Now.AddMinutes(3)));

    [Test]
    public void Acknowledging_twice_changes_nothing_and_the_first_responder_keeps_it()
    {
        var scenario = Scenario.Given(Opened(), Acknowledged("alice")).When(Ack with { By = "bob" });

        scenario.ThenNothing();
        Assert.That(scenario.StateAfter().AcknowledgedBy, Is.EqualTo("alice"));
    }

    [Test]
    public void Acknowledging_while_monitoring_changes_nothing() =>
        Scenario.Given(Opened(), Acknowledged(), MonitoringStarted()).When(Ack).ThenNothing();

    [Test]
    public void Acknowledging_an_incident_never_opened_is_refused() =>
        Scenario.Given().When(Ack).ThenRefused(DomainRefusalKind.Conflict, "has not been opened");

    [Test]
    public void Acknowledging_a_resolved_incident_is_refused() =>
        Scenario.Given(ResolvedIncident()).When(Ack).ThenRefused(DomainRefusalKind.Conflict, "it is Resolved");

    [Test]
    public void Acknowledging_without_saying_who_is_refused_as_invalid() =>
        Scenario.Given(Opened()).When(Ack with { By = "" }).ThenRefused(DomainRefusalKind.Invalid, "actor");
}

public class When_someone_escalates
{
    private static readonly EscalateIncident ToLevel2 = new(IncidentId, 2, "spreading to the press", "alice", Now.AddMinutes(10));

    [Test]
    public void The_incident_rises_to_the_named_level()
    {
        var scenario = Scenario.Given(Acked()).When(ToLevel2);

        scenario.Then(new IncidentEscalated(IncidentId, 2, "spreading to the press", "alice", Now.AddMinutes(10)));
        Assert.That(scenario.StateAfter().EscalationLevel, Is.EqualTo(2));
    }

    [Test]
    public void Escalating_an_unacknowledged_incident_is_allowed() =>
        Assert.That(Scenario.Given(Opened()).When(ToLevel2).Decided().Single(), Is.TypeOf<IncidentEscalated>());

    [Test]
    public void Escalating_again_to_the_same_level_changes_nothing() =>
        Scenario.Given([.. Acked(), new IncidentEscalated(IncidentId, 2, "x", "bob", Now)]).When(ToLevel2).ThenNothing();

    [Test]
    public void Escalating_to_a_lower_level_changes_nothing() =>
        Scenario.Given([.. Acked(), new IncidentEscalated(IncidentId, 3, "x", "bob", Now)]).When(ToLevel2).ThenNothing();

    [Test]
    public void Escalating_to_level_one_is_refused_as_invalid() =>
        Scenario.Given(Acked()).When(ToLevel2 with { ToLevel = 1 }).ThenRefused(DomainRefusalKind.Invalid, "level 2 or above");

    [Test]
    public void Escalating_without_a_reason_is_refused_as_invalid() =>
        Scenario.Given(Acked()).When(ToLevel2 with { Reason = "" }).ThenRefused(DomainRefusalKind.Invalid, "reason");

    [Test]
    public void Escalating_a_resolved_incident_is_refused() =>
        Scenario.Given(ResolvedIncident()).When(ToLevel2).ThenRefused(DomainRefusalKind.Conflict, "cannot escalate");
}

public class When_the_cell_starts_monitoring
{
    private static readonly StartMonitoring Start = new(IncidentId, "alice", Now.AddHours(3));

    [Test]
    public void An_acknowledged_incident_moves_to_monitoring_listing_the_stages_it_skipped()
    {
        var scenario = Scenario.Given(Acked()).When(Start);

        scenario.Then(new MonitoringStarted(IncidentId, ["be-transparent", "acknowledge"], "alice", Now.AddHours(3)));
        Assert.That(scenario.StateAfter().Status, Is.EqualTo(IncidentStatus.Monitoring));
    }

    [Test]
    public void Starting_twice_changes_nothing() =>
        Scenario.Given(Opened(), Acknowledged(), MonitoringStarted()).When(Start).ThenNothing();

    [Test]
    public void Monitoring_an_unacknowledged_incident_is_refused() =>
        Scenario.Given(Opened()).When(Start).ThenRefused(DomainRefusalKind.Conflict, "acknowledge incident 'inc-1' before monitoring");

    [Test]
    public void Monitoring_a_resolved_incident_is_refused() =>
        Scenario.Given(ResolvedIncident()).When(Start).ThenRefused(DomainRefusalKind.Conflict, "it is Resolved");
}

public class When_the_cell_resolves
{
    private static readonly ResolveIncident Resolve = new(IncidentId, "buzz subsided", "alice", Now.AddHours(8));

    [Test]
    public void A_monitored_incident_is_resolved() =>
        Scenario.Given(Opened(), Acknowledged(), MonitoringStarted()).When(Resolve)
            .Then(new IncidentResolved(IncidentId, "buzz subsided", "alice", Now.AddHours(8)));

    [Test]
    public void An_acknowledged_incident_can_be_resolved_directly() =>
        Assert.That(Scenario.Given(Acked()).When(Resolve).Decided().Single(), Is.TypeOf<IncidentResolved>());

    [Test]
    public void Resolving_twice_changes_nothing() =>
        Scenario.Given(ResolvedIncident()).When(Resolve).ThenNothing();

    [Test]
    public void Resolving_an_incident_nobody_acknowledged_is_refused() =>
        Scenario.Given(Opened()).When(Resolve).ThenRefused(DomainRefusalKind.Conflict, "before resolving");

    [Test]
    public void Resolving_a_closed_incident_is_refused() =>
        Scenario.Given(ClosedIncident()).When(Resolve).ThenRefused(DomainRefusalKind.Conflict, "it is Closed");

    [Test]
    public void Resolving_without_a_resolution_is_refused_as_invalid() =>
        Scenario.Given(Acked()).When(Resolve with { Resolution = " " }).ThenRefused(DomainRefusalKind.Invalid, "resolution");
}

public class When_the_post_mortem_is_done
{
    private static readonly CloseIncident Close = new(IncidentId, "https://wiki.example/pm/1", "alice", Now.AddDays(3));

    [Test]
    public void A_resolved_incident_closes() =>
        Scenario.Given(ResolvedIncident()).When(Close).Then(Closed());

    [Test]
    public void Closing_twice_changes_nothing() =>
        Scenario.Given(ClosedIncident()).When(Close).ThenNothing();

    [Test]
    public void Closing_before_resolution_is_refused() =>
        Scenario.Given(Acked()).When(Close).ThenRefused(DomainRefusalKind.Conflict, "resolve incident 'inc-1' before closing");

    [Test]
    public void Closing_without_the_post_mortem_is_refused_as_invalid() =>
        Scenario.Given(ResolvedIncident()).When(Close with { PostMortem = "" }).ThenRefused(DomainRefusalKind.Invalid, "post-mortem");

    [Test]
    public void A_closed_incident_takes_no_more_notes() =>
        Scenario.Given(ClosedIncident()).When(new AddNote(IncidentId, "n9", "late thought", "bob", Now.AddDays(4)))
            .ThenRefused(DomainRefusalKind.Conflict, "is closed");
}

public class When_someone_reopens
{
    private static readonly ReopenIncident Reopen = new(IncidentId, "new wave of posts", "alice", Now.AddHours(10));

    [Test]
    public void A_resolved_incident_is_live_again_and_needs_acknowledging_anew()
    {
        var scenario = Scenario.Given([.. ResolvedIncident(), ]).When(Reopen);

        scenario.Then(new IncidentReopened(IncidentId, "new wave of posts", "alice", Now.AddHours(10)));
        var incident = scenario.StateAfter();
        Assert.Multiple(() =>
        {
            Assert.That(incident.Status, Is.EqualTo(IncidentStatus.Opened));
            Assert.That(incident.AcknowledgedBy, Is.Null);
            Assert.That(incident.PagingSince, Is.EqualTo(Now.AddHours(10)));
            Assert.That(incident.ReopenCount, Is.EqualTo(1));
        });
    }

    [Test]
    public void Reopening_a_live_incident_changes_nothing() =>
        Scenario.Given(Acked()).When(Reopen).ThenNothing();

    [Test]
    public void Reopening_a_closed_incident_is_refused_and_points_to_a_linked_incident() =>
        Scenario.Given(ClosedIncident()).When(Reopen).ThenRefused(DomainRefusalKind.Conflict, "open a new incident with PreviousIncidentId 'inc-1'");

    [Test]
    public void Reopening_without_a_reason_is_refused_as_invalid() =>
        Scenario.Given(ResolvedIncident()).When(Reopen with { Reason = "" }).ThenRefused(DomainRefusalKind.Invalid, "reason");
}

public class When_an_incident_lives_its_whole_life
{
    [Test]
    public void Its_status_follows_opened_acknowledged_monitoring_resolved_closed()
    {
        var statuses = new List<IncidentStatus>();
        IncidentState state = IncidentDecider.Instance.Initial;
        foreach (var e in new IncidentEvent[] { Opened(), Acknowledged(), MonitoringStarted(), Resolved(), Closed() })
        {
            state = IncidentDecider.Evolve(state, e);
            statuses.Add(((Incident)state).Status);
        }

        Assert.That(statuses, Is.EqualTo(new[]
        {
            IncidentStatus.Opened, IncidentStatus.Acknowledged, IncidentStatus.Monitoring, IncidentStatus.Resolved, IncidentStatus.Closed,
        }));
    }

    [Test]
    public void An_event_before_the_opening_is_a_bug_not_a_refusal() =>
        Assert.That(() => IncidentDecider.Instance.Fold([Acknowledged()]), Throws.InvalidOperationException);
}
