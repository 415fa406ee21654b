using Crisis.CrisisCell.Incidents;
using Crisis.CrisisCell.Incidents.WalkingThePlaybook;
using Crisis.ServiceDefaults.EventSourcing;
using static Crisis.CrisisCell.Tests.Incidents.Fixtures;

namespace Crisis.CrisisCell.Tests.Incidents;

public class When_the_cell_walks_the_playbook
{
    private static AdvanceStage AdvanceTo(string stage) => new(IncidentId, stage, "alice", Now.AddMinutes(25));
    private static TickChecklistItem Tick(string stage, string item) => new(IncidentId, stage, item, "carol", Now.AddMinutes(10));
    private static ChecklistItemTicked Ticked(string stage, string item) => new(IncidentId, stage, item, "carol", Now.AddMinutes(10));

    [Test]
    public void Moving_to_the_next_stage_records_the_items_left_unticked()
    {
        var scenario = Scenario.Given([.. Acked(), Ticked("respond", "read-evidence"), Ticked("respond", "first-message")])
            .When(AdvanceTo("be-transparent"));

        scenario.Then(new StageAdvanced(IncidentId, "respond", "be-transparent",
            ["second-reader", "measure-scope", "connect-customer-care"], "alice", Now.AddMinutes(25)));
        Assert.That(scenario.StateAfter().CurrentStage!.StageId, Is.EqualTo("be-transparent"));
    }

    [Test]
    public void Moving_to_the_stage_already_reached_changes_nothing() =>
        Scenario.Given([.. Acked(), new StageAdvanced(IncidentId, "respond", "be-transparent", [], "alice", Now)])
            .When(AdvanceTo("be-transparent")).ThenNothing();

    [Test]
    public void Moving_back_to_an_earlier_stage_changes_nothing() =>
        Scenario.Given([.. Acked(), new StageAdvanced(IncidentId, "respond", "be-transparent", [], "alice", Now)])
            .When(AdvanceTo("respond")).ThenNothing();

    [Test]
    public void Skipping_a_stage_is_refused() =>
        Scenario.Given(Acked()).When(AdvanceTo("acknowledge"))
            .ThenRefused(DomainRefusalKind.Conflict, "stages are walked in order: incident 'inc-1' is at 'respond', next is 'be-transparent'");

    [Test]
    public void Walking_the_playbook_before_anyone_acknowledged_is_refused() =>
        Scenario.Given(Opened()).When(AdvanceTo("be-transparent")).ThenRefused(DomainRefusalKind.Conflict, "acknowledge incident 'inc-1' before");

    [Test]
    public void Walking_the_playbook_while_monitoring_is_refused() =>
        Scenario.Given(Opened(), Acknowledged(), MonitoringStarted()).When(AdvanceTo("be-transparent"))
            .ThenRefused(DomainRefusalKind.Conflict, "it is Monitoring");

    [Test]
    public void Moving_to_a_stage_the_playbook_lacks_is_refused_as_invalid() =>
        Scenario.Given(Acked()).When(AdvanceTo("deny-everything")).ThenRefused(DomainRefusalKind.Invalid, "no playbook stage 'deny-everything'");

    [Test]
    public void Ticking_an_item_records_who_did_it() =>
        Scenario.Given(Acked()).When(Tick("respond", "first-message")).Then(Ticked("respond", "first-message"));

    [Test]
    public void Ticking_an_item_already_ticked_changes_nothing() =>
        Scenario.Given([.. Acked(), Ticked("respond", "first-message")]).When(Tick("respond", "first-message")).ThenNothing();

    [Test]
    public void Items_of_a_later_stage_can_be_ticked_early() =>
        Assert.That(Scenario.Given(Acked()).When(Tick("acknowledge", "establish-fault")).Decided(), Has.Count.EqualTo(1));

    [Test]
    public void Ticking_an_item_the_stage_lacks_is_refused_as_invalid() =>
        Scenario.Given(Acked()).When(Tick("respond", "delete-the-post")).ThenRefused(DomainRefusalKind.Invalid, "no checklist item 'delete-the-post'");

    [Test]
    public void Ticking_in_a_stage_the_playbook_lacks_is_refused_as_invalid() =>
        Scenario.Given(Acked()).When(Tick("panic", "x")).ThenRefused(DomainRefusalKind.Invalid, "no playbook stage 'panic'");

    [Test]
    public void Ticking_on_a_resolved_incident_is_refused() =>
        Scenario.Given(ResolvedIncident()).When(Tick("respond", "first-message")).ThenRefused(DomainRefusalKind.Conflict, "is Resolved");

    [Test]
    public void The_incident_knows_its_checklist_progress()
    {
        var incident = Scenario.Given([.. Acked(), Ticked("respond", "read-evidence")]).When(Tick("respond", "first-message")).StateAfter();

        Assert.That(incident.ChecklistProgress(incident.CurrentStage!), Is.EqualTo((2, 5)));
    }
}
