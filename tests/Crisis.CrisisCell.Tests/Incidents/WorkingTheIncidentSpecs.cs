using Crisis.CrisisCell.Incidents;
using Crisis.CrisisCell.Incidents.AssigningRoles;
using Crisis.CrisisCell.Incidents.Deciding;
using Crisis.CrisisCell.Incidents.Noting;
using Crisis.ServiceDefaults.EventSourcing;
using static Crisis.CrisisCell.Tests.Incidents.Fixtures;

namespace Crisis.CrisisCell.Tests.Incidents;

public class When_someone_assigns_a_role
{
    private static AssignRole Assign(IncidentRole role, string who = "carol") => new(IncidentId, role, who, "alice", Now.AddMinutes(5));

    [TestCase(IncidentRole.IncidentLead)]
    [TestCase(IncidentRole.CommunityManager)]
    [TestCase(IncidentRole.Spokesperson)]
    [TestCase(IncidentRole.Legal)]
    [TestCase(IncidentRole.CustomerCare)]
    public void The_role_is_held_by_the_assignee(IncidentRole role)
    {
        var scenario = Scenario.Given(Acked()).When(Assign(role));

        scenario.Then(new RoleAssigned(IncidentId, role, "carol", "alice", Now.AddMinutes(5)));
        Assert.That(scenario.StateAfter().Roles[role], Is.EqualTo("carol"));
    }

    [Test]
    public void Roles_can_be_assigned_before_anyone_acknowledges() =>
        Assert.That(Scenario.Given(Opened()).When(Assign(IncidentRole.Legal)).Decided(), Has.Count.EqualTo(1));

    [Test]
    public void Assigning_the_same_person_again_changes_nothing() =>
        Scenario.Given([.. Acked(), new RoleAssigned(IncidentId, IncidentRole.Spokesperson, "carol", "bob", Now)])
            .When(Assign(IncidentRole.Spokesperson)).ThenNothing();

    [Test]
    public void Handing_a_role_to_someone_else_replaces_the_holder()
    {
        var scenario = Scenario.Given([.. Acked(), new RoleAssigned(IncidentId, IncidentRole.Spokesperson, "dave", "bob", Now)])
            .When(Assign(IncidentRole.Spokesperson));

        Assert.That(scenario.StateAfter().Roles[IncidentRole.Spokesperson], Is.EqualTo("carol"));
    }

    [Test]
    public void Assigning_nobody_is_refused_as_invalid() =>
        Scenario.Given(Acked()).When(Assign(IncidentRole.Legal, "")).ThenRefused(DomainRefusalKind.Invalid, "assignee");

    [Test]
    public void Assigning_an_unknown_role_is_refused_as_invalid() =>
        Scenario.Given(Acked()).When(Assign((IncidentRole)42)).ThenRefused(DomainRefusalKind.Invalid, "unknown role");

    [Test]
    public void Assigning_on_a_closed_incident_is_refused() =>
        Scenario.Given(ClosedIncident()).When(Assign(IncidentRole.Legal)).ThenRefused(DomainRefusalKind.Conflict, "is closed");
}

public class When_someone_adds_a_note
{
    private static readonly AddNote Note = new(IncidentId, "n1", "NGO video now on TV news", "carol", Now.AddMinutes(40));

    [Test]
    public void The_note_joins_the_timeline() =>
        Scenario.Given(Acked()).When(Note).Then(new NoteAdded(IncidentId, "n1", "NGO video now on TV news", "carol", Now.AddMinutes(40)));

    [Test]
    public void The_same_note_sent_twice_is_added_once() =>
        Scenario.Given([.. Acked(), new NoteAdded(IncidentId, "n1", "NGO video now on TV news", "carol", Now)]).When(Note).ThenNothing();

    [Test]
    public void A_resolved_incident_still_takes_notes_for_the_post_mortem() =>
        Assert.That(Scenario.Given(ResolvedIncident()).When(Note).Decided(), Has.Count.EqualTo(1));

    [Test]
    public void An_empty_note_is_refused_as_invalid() =>
        Scenario.Given(Acked()).When(Note with { Text = "" }).ThenRefused(DomainRefusalKind.Invalid, "note text");

    [Test]
    public void A_note_on_an_incident_never_opened_is_refused() =>
        Scenario.Given().When(Note).ThenRefused(DomainRefusalKind.Conflict, "has not been opened");
}

public class When_the_cell_records_a_decision
{
    private static readonly RecordDecision Decision =
        new(IncidentId, "d1", "Apologise publicly", "Supplier audit confirms the fault", "alice", Now.AddHours(1));

    [Test]
    public void The_decision_and_its_rationale_are_recorded() =>
        Scenario.Given(Acked()).When(Decision)
            .Then(new DecisionRecorded(IncidentId, "d1", "Apologise publicly", "Supplier audit confirms the fault", "alice", Now.AddHours(1)));

    [Test]
    public void The_same_decision_sent_twice_is_recorded_once() =>
        Scenario.Given([.. Acked(), new DecisionRecorded(IncidentId, "d1", "Apologise publicly", "", "alice", Now)]).When(Decision).ThenNothing();

    [Test]
    public void A_decision_without_content_is_refused_as_invalid() =>
        Scenario.Given(Acked()).When(Decision with { Decision = "" }).ThenRefused(DomainRefusalKind.Invalid, "decision");

    [Test]
    public void A_decision_on_a_closed_incident_is_refused() =>
        Scenario.Given(ClosedIncident()).When(Decision).ThenRefused(DomainRefusalKind.Conflict, "is closed");
}
