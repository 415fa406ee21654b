using Crisis.CrisisCell.Incidents;
using Crisis.CrisisCell.Incidents.Acknowledging;
using Crisis.CrisisCell.Incidents.AssigningRoles;
using Crisis.CrisisCell.Incidents.Escalating;
using Crisis.CrisisCell.Incidents.Opening;
using Crisis.CrisisCell.Incidents.Resolving;
using Crisis.CrisisCell.OnCall;
using Crisis.CrisisCell.OnCall.Planning;
using Crisis.CrisisCell.Tests.Incidents;
using static Crisis.CrisisCell.Tests.OnCall.PlannerFixtures;

namespace Crisis.CrisisCell.Tests.OnCall;

public class When_an_owned_incident_is_escalated
{
    private static readonly IncidentAcknowledged Ack = new(Fixtures.IncidentId, "ana", Opened.AddMinutes(2));
    private static readonly IncidentEscalated ToLevel2 = new(Fixtures.IncidentId, 2, "stage 'Respond' missed its deadline", "system", Opened.AddMinutes(28));

    [Test]
    public void The_raised_level_is_told_once()
    {
        var due = Plan(Incident(Ack, ToLevel2), Opened.AddMinutes(28)).Single();

        Assert.That((due.Kind, due.Level, due.Recipient, due.IdempotencyKey),
            Is.EqualTo((NotificationKind.Escalated, 2, "mia", "inc-1:Escalated:L2:mia")));
    }

    [Test]
    public void It_is_not_told_again() =>
        Assert.That(Plan(Incident(Ack, ToLevel2), Opened.AddMinutes(50), new SentNotification(NotificationKind.Escalated, 2, "mia", Opened.AddMinutes(28))),
            Is.Empty);

    [Test]
    public void An_escalation_paged_before_the_acknowledgement_is_not_told_twice()
    {
        var earlyRaise = ToLevel2 with { EscalatedAt = Opened.AddMinutes(1) };

        Assert.That(Plan(Incident(earlyRaise, Ack), Opened.AddMinutes(5)), Is.Empty);
    }
}

public class When_the_buzz_worsens_after_someone_owns_the_incident
{
    private static readonly IncidentAcknowledged Ack = new(Fixtures.IncidentId, "ana", Opened.AddMinutes(2));

    private static BuzzEscalationRecorded Escalation(string id, DateTimeOffset at) =>
        new(Fixtures.IncidentId, id, 80, at, Fixtures.Evidence, "detector", at);

    [Test]
    public void The_owner_and_the_incident_lead_hear_of_it()
    {
        var lead = new RoleAssigned(Fixtures.IncidentId, IncidentRole.IncidentLead, "mia", "ana", Opened.AddMinutes(3));

        var due = Plan(Incident(Ack, lead, Escalation("esc-2", Opened.AddMinutes(20))), Opened.AddMinutes(30));

        Assert.That(Who(due), Is.EquivalentTo(new[] { "BuzzWorsened L1 ana", "BuzzWorsened L1 mia" }));
    }

    [Test]
    public void The_opening_escalation_itself_is_not_news() =>
        Assert.That(Plan(Incident(Ack), Opened.AddMinutes(20)), Is.Empty);

    [Test]
    public void Escalations_arriving_together_make_one_notification()
    {
        // Each escalation is its own commit, planned at once: the first waits a grouping window for the others.
        var first = Incident(Ack, Escalation("esc-2", Opened.AddMinutes(20)));
        var both = Incident(Ack, Escalation("esc-2", Opened.AddMinutes(20)), Escalation("esc-3", Opened.AddMinutes(21)));

        Assert.Multiple(() =>
        {
            Assert.That(Plan(first, Opened.AddMinutes(20)), Is.Empty);
            Assert.That(Plan(both, Opened.AddMinutes(29)), Is.Empty);
            Assert.That(NotificationPlanner.BuzzUpdateDueAt(both, Policy, []), Is.EqualTo(Opened.AddMinutes(30)));
            Assert.That(Who(Plan(both, Opened.AddMinutes(30))), Is.EqualTo(new[] { "BuzzWorsened L1 ana" }));
        });
    }

    [Test]
    public void Escalations_within_the_grouping_window_wait_for_the_next_notification()
    {
        var told = new SentNotification(NotificationKind.BuzzWorsened, 1, "ana", Opened.AddMinutes(20));
        var incident = Incident(Ack, Escalation("esc-2", Opened.AddMinutes(20)), Escalation("esc-3", Opened.AddMinutes(25)));

        Assert.Multiple(() =>
        {
            Assert.That(Plan(incident, Opened.AddMinutes(34), told), Is.Empty);
            Assert.That(Plan(incident, Opened.AddMinutes(35), told).Single().IdempotencyKey, Is.EqualTo("inc-1:BuzzWorsened:L1:ana:2"));
        });
    }

    [Test]
    public void Nothing_new_since_the_last_notification_means_nothing_to_send()
    {
        var told = new SentNotification(NotificationKind.BuzzWorsened, 1, "ana", Opened.AddMinutes(21));

        Assert.That(Plan(Incident(Ack, Escalation("esc-2", Opened.AddMinutes(20))), Opened.AddHours(2), told), Is.Empty);
    }

    [Test]
    public void An_owner_missing_from_the_roster_is_still_told()
    {
        var outsider = new IncidentAcknowledged(Fixtures.IncidentId, "zoe", Opened.AddMinutes(2));

        var due = Plan(Incident(outsider, Escalation("esc-2", Opened.AddMinutes(20))), Opened.AddMinutes(30)).Single();

        Assert.That(due.Recipient, Is.EqualTo("zoe"));
    }
}

public class When_the_planner_asks_when_to_plan_again
{
    private static readonly DateTimeOffset Now = Opened.AddMinutes(1);

    [Test]
    public void An_unacknowledged_incident_is_due_again_at_its_quiet_re_notification() =>
        Assert.That(NotificationPlanner.NextDueAt(Incident(), Policy, Roster, [Page(1, "ana", Opened)], Now), Is.EqualTo(Opened.AddMinutes(5)));

    [Test]
    public void Without_repeats_it_is_due_again_when_the_next_level_is_reached() =>
        Assert.That(NotificationPlanner.NextDueAt(Incident(), Policy with { RepeatLimit = 0 }, Roster, [Page(1, "ana", Opened)], Now),
            Is.EqualTo(Opened.AddMinutes(15)));

    [Test]
    public void Under_a_maintenance_window_it_is_due_again_when_the_window_ends()
    {
        var quiet = Policy with { RepeatLimit = 0, Noise = Noise with { MaintenanceWindows = [new MaintenanceWindow(Opened, Opened.AddMinutes(3))] } };

        Assert.That(NotificationPlanner.NextDueAt(Incident(), quiet, Roster, [], Now), Is.EqualTo(Opened.AddMinutes(3)));
    }

    [Test]
    public void An_owned_incident_with_nothing_new_is_never_due_by_time_alone() =>
        Assert.That(NotificationPlanner.NextDueAt(Incident(new IncidentAcknowledged(Fixtures.IncidentId, "ana", Now)), Policy, Roster, [], Now), Is.Null);

    [Test]
    public void A_resolved_incident_is_never_due_again() =>
        Assert.That(NotificationPlanner.NextDueAt(
            Incident(new IncidentAcknowledged(Fixtures.IncidentId, "ana", Now), new IncidentResolved(Fixtures.IncidentId, "fixed", "ana", Now)),
            Policy, Roster, [], Now), Is.Null);
}
