using Crisis.CrisisCell.Incidents;
using Crisis.CrisisCell.OnCall.Planning;
using Crisis.CrisisCell.Tests.Incidents;
using static Crisis.CrisisCell.Tests.OnCall.PlannerFixtures;

namespace Crisis.CrisisCell.Tests.OnCall;

/// <summary>The page detected at 10:00 reaches the cell three hours later (ben is on call then); the incident opens then.</summary>
public class When_an_incident_opened_from_a_late_page_is_planned
{
    private static readonly DateTimeOffset Received = Fixtures.Detected.AddHours(3);

    private static Incident OpenedLate(bool pageLateBuzzes, params IncidentEvent[] after)
    {
        var page = Fixtures.Escalation(now: Received) with { LatePages = Fixtures.LatePages with { PageLateBuzzes = pageLateBuzzes } };
        return (Incident)IncidentDecider.Instance.Fold([.. Scenario.Given().When(page).Decided(), .. after]);
    }

    [Test]
    public void Nobody_is_notified_by_default()
    {
        var incident = OpenedLate(pageLateBuzzes: false);

        Assert.Multiple(() =>
        {
            Assert.That(Plan(incident, Received), Is.Empty);
            Assert.That(Plan(incident, Received.AddHours(1)), Is.Empty, "nor later, by the escalation chain");
            Assert.That(NotificationPlanner.NextDueAt(incident, Policy, Roster, [], Received), Is.Null);
        });
    }

    [Test]
    public void When_late_buzz_is_to_be_paged_level_one_is_paged_at_once() =>
        Assert.That(Who(Plan(OpenedLate(pageLateBuzzes: true), Received)), Is.EqualTo(new[] { "Page L1 ben" }));

    [Test]
    public void Level_two_waits_its_delay_from_when_the_cell_learned_of_the_incident()
    {
        var incident = OpenedLate(pageLateBuzzes: true);
        var ben = Page(1, "ben", Received);

        Assert.Multiple(() =>
        {
            Assert.That(Who(Plan(incident, Received.AddSeconds(17), ben)), Is.Empty, "not seconds after opening");
            Assert.That(NotificationPlanner.NextDueAt(incident, Policy, Roster, [ben], Received.AddSeconds(17)), Is.EqualTo(Received.AddMinutes(5)));
            Assert.That(Who(Plan(incident, Received.AddMinutes(15), ben, Page(1, "ben", Received.AddMinutes(5)), Page(1, "ben", Received.AddMinutes(10)))),
                Is.EqualTo(new[] { "Page L2 mia" }));
        });
    }

    [Test]
    public void An_on_time_page_of_the_episode_starts_paging_from_its_arrival()
    {
        var live = Received.AddMinutes(5);
        var onTime = Scenario.Given(Scenario.Given().When(Fixtures.Escalation(now: Received)).Decided().ToArray())
            .When(Fixtures.Escalation("esc-2", now: live, detected: live.AddMinutes(-1))).Decided();

        var incident = OpenedLate(pageLateBuzzes: false, [.. onTime]);

        Assert.Multiple(() =>
        {
            Assert.That(Who(Plan(incident, live)), Is.EqualTo(new[] { "Page L1 ben" }));
            Assert.That(Who(Plan(incident, live.AddMinutes(14), Page(1, "ben", live), Page(1, "ben", live.AddMinutes(5)), Page(1, "ben", live.AddMinutes(10)))),
                Is.Empty, "level 2 counts from the on-time page");
        });
    }
}
