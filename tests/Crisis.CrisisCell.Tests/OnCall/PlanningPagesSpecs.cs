using Crisis.CrisisCell.Incidents.Acknowledging;
using Crisis.CrisisCell.Incidents.Escalating;
using Crisis.CrisisCell.Incidents.Reopening;
using Crisis.CrisisCell.Incidents.Resolving;
using Crisis.CrisisCell.OnCall;
using Crisis.CrisisCell.OnCall.Planning;
using Crisis.CrisisCell.Tests.Incidents;
using static Crisis.CrisisCell.Tests.OnCall.PlannerFixtures;

namespace Crisis.CrisisCell.Tests.OnCall;

public class When_an_incident_opens_unacknowledged
{
    [Test]
    public void Level_one_on_call_is_paged_at_once_on_their_channel() =>
        Assert.That(Plan(Incident(), Opened), Is.EqualTo(new[]
        {
            new DueNotification(Fixtures.IncidentId, NotificationKind.Page, 1, "ana", 1, "inc-1:Page:L1:ana"),
        }));

    [Test]
    public void Planning_again_before_the_send_is_recorded_gives_the_same_key() =>
        Assert.That(Plan(Incident(), Opened.AddSeconds(30)).Single().IdempotencyKey, Is.EqualTo(Plan(Incident(), Opened).Single().IdempotencyKey));

    [Test]
    public void Nobody_is_paged_again_within_the_quiet_interval() =>
        Assert.That(Plan(Incident(), Opened.AddMinutes(4), Page(1, "ana", Opened)), Is.Empty);

    [Test]
    public void The_page_repeats_after_the_quiet_interval_under_a_new_key()
    {
        var repeat = Plan(Incident(), Opened.AddMinutes(5), Page(1, "ana", Opened)).Single();

        Assert.That((repeat.Recipient, repeat.Attempt, repeat.IdempotencyKey), Is.EqualTo(("ana", 2, "inc-1:Page:L1:ana:2")));
    }

    [Test]
    public void Repeats_stop_at_the_repeat_limit() =>
        Assert.That(Plan(Incident(), Opened.AddMinutes(14),
            Page(1, "ana", Opened), Page(1, "ana", Opened.AddMinutes(5)), Page(1, "ana", Opened.AddMinutes(10))), Is.Empty);

    [Test]
    public void Level_two_is_not_paged_before_its_delay() =>
        Assert.That(Who(Plan(Incident(), Opened.AddMinutes(14).AddSeconds(59))), Is.EqualTo(new[] { "Page L1 ana" }));

    [Test]
    public void Level_two_is_paged_once_its_delay_passes_without_acknowledgement() =>
        Assert.That(Who(Plan(Incident(), Opened.AddMinutes(15),
            Page(1, "ana", Opened), Page(1, "ana", Opened.AddMinutes(5)), Page(1, "ana", Opened.AddMinutes(10)))),
            Is.EqualTo(new[] { "Page L2 mia" }));

    [Test]
    public void Every_level_reached_is_paged_highest_first() =>
        Assert.That(Who(Plan(Incident(), Opened.AddMinutes(30))), Is.EqualTo(new[] { "Page L3 dan", "Page L2 mia", "Page L1 ana" }));

    [Test]
    public void An_escalation_pages_its_level_at_once_without_waiting_for_the_delay()
    {
        var incident = Incident(new IncidentEscalated(Fixtures.IncidentId, 2, "press calling", "ana", Opened.AddMinutes(1)));

        Assert.That(Who(Plan(incident, Opened.AddMinutes(1), Page(1, "ana", Opened))), Is.EqualTo(new[] { "Page L2 mia" }));
    }

    [Test]
    public void When_the_shift_changes_the_new_person_on_call_is_paged()
    {
        var noon = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
        var patient = Policy with { Levels = [Policy.Levels[0]] };

        Assert.That(Who(Plan(Incident(), patient, noon, Page(1, "ana", noon.AddMinutes(-1)))), Is.EqualTo(new[] { "Page L1 ben" }));
    }

    [Test]
    public void A_person_reached_at_two_levels_at_once_is_paged_once_at_the_higher()
    {
        var sameRotation = Policy with
        {
            Levels = [Policy.Levels[0], Policy.Levels[1] with { RotationIds = ["primary", "managers"] }],
        };

        Assert.That(Who(Plan(Incident(), sameRotation, Opened.AddMinutes(15))), Is.EqualTo(new[] { "Page L2 ana", "Page L2 mia" }));
    }

    [Test]
    public void An_acknowledged_incident_pages_nobody() =>
        Assert.That(Plan(Incident(new IncidentAcknowledged(Fixtures.IncidentId, "ana", Opened.AddMinutes(2))), Opened.AddMinutes(40)), Is.Empty);

    [Test]
    public void A_resolved_incident_pages_nobody() =>
        Assert.That(Plan(Incident(Fixtures.Acknowledged(), Fixtures.Resolved()), Opened.AddHours(9)), Is.Empty);

    [Test]
    public void A_reopened_incident_pages_level_one_again_under_a_new_key()
    {
        // The next morning, so that ana holds the primary shift again.
        var reopenedAt = Opened.AddDays(1);
        var incident = Incident(Fixtures.Acknowledged(), Fixtures.Resolved(), new IncidentReopened(Fixtures.IncidentId, "again", "bob", reopenedAt));

        var due = Plan(incident, reopenedAt, Page(1, "ana", Opened), Page(2, "mia", Opened.AddMinutes(15)));

        Assert.That(due.Select(d => d.IdempotencyKey), Is.EqualTo(new[] { "inc-1:Page:L1:ana:2" }));
    }
}

public class When_noise_control_applies
{
    [Test]
    public void The_frequency_cap_lets_the_highest_levels_through_first()
    {
        var capped = Policy with { Noise = Noise with { MaxNotificationsPerWindow = 2 } };

        Assert.That(Who(Plan(Incident(), capped, Opened.AddMinutes(30))), Is.EqualTo(new[] { "Page L3 dan", "Page L2 mia" }));
    }

    [Test]
    public void The_cap_counts_what_was_sent_within_the_window()
    {
        var capped = Policy with { Noise = Noise with { MaxNotificationsPerWindow = 3 } };

        Assert.That(Who(Plan(Incident(), capped, Opened.AddMinutes(30),
            Page(1, "ana", Opened), Page(1, "ana", Opened.AddMinutes(5)))), Is.EqualTo(new[] { "Page L3 dan" }));
    }

    [Test]
    public void Notifications_older_than_the_cap_window_no_longer_count()
    {
        var capped = Policy with { Noise = Noise with { MaxNotificationsPerWindow = 1, CapWindow = TimeSpan.FromMinutes(20) } };

        Assert.That(Who(Plan(Incident(), capped, Opened.AddMinutes(30), Page(1, "ana", Opened))), Is.EqualTo(new[] { "Page L3 dan" }));
    }

    [Test]
    public void First_pages_go_out_before_repeats_when_room_is_short()
    {
        // At noon ben takes the primary shift; mia and dan were each paged once already.
        var noon = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
        var capped = Policy with { Noise = Noise with { MaxNotificationsPerWindow = 1 } };

        var due = Plan(Incident(), capped, noon, Page(1, "ana", Opened), Page(2, "mia", Opened.AddMinutes(15)), Page(3, "dan", Opened.AddMinutes(30)));

        Assert.That(Who(due), Is.EqualTo(new[] { "Page L1 ben" }));
    }

    [Test]
    public void Without_a_cap_the_repeats_go_out_too()
    {
        var noon = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

        var due = Plan(Incident(), noon, Page(1, "ana", Opened), Page(2, "mia", Opened.AddMinutes(15)), Page(3, "dan", Opened.AddMinutes(30)));

        Assert.That(due.Select(d => d.IdempotencyKey), Is.EqualTo(new[] { "inc-1:Page:L1:ben", "inc-1:Page:L3:dan:2", "inc-1:Page:L2:mia:2" }));
    }

    [Test]
    public void Nothing_is_sent_during_a_maintenance_window_for_the_organisation()
    {
        var quiet = Policy with { Noise = Noise with { MaintenanceWindows = [new MaintenanceWindow(Opened.AddHours(-1), Opened.AddHours(1))] } };

        Assert.That(Plan(Incident(), quiet, Opened), Is.Empty);
    }

    [Test]
    public void A_maintenance_window_for_another_brand_does_not_silence_this_one()
    {
        var quiet = Policy with { Noise = Noise with { MaintenanceWindows = [new MaintenanceWindow(Opened.AddHours(-1), Opened.AddHours(1), "other-brand")] } };

        Assert.That(Who(Plan(Incident(), quiet, Opened)), Is.EqualTo(new[] { "Page L1 ana" }));
    }

    [Test]
    public void Paging_resumes_when_the_maintenance_window_ends()
    {
        var quiet = Policy with { Noise = Noise with { MaintenanceWindows = [new MaintenanceWindow(Opened.AddHours(-1), Opened.AddMinutes(10))] } };

        Assert.That(Who(Plan(Incident(), quiet, Opened.AddMinutes(10))), Is.EqualTo(new[] { "Page L1 ana" }));
    }
}

public class When_noise_control_meets_a_reopened_incident
{
    [Test]
    public void The_first_page_after_reopening_is_not_treated_as_a_repeat_under_the_cap()
    {
        var reopenedAt = Opened.AddDays(1);
        var incident = Incident(Fixtures.Acknowledged(), Fixtures.Resolved(), new IncidentReopened(Fixtures.IncidentId, "again", "bob", reopenedAt));
        // Room for one more: mia's page of this round already counts against the cap.
        var capped = Policy with { Noise = Noise with { MaxNotificationsPerWindow = 2 } };

        // ana was paged only in the first round (her page now is a first for this round, attempt 2 overall);
        // mia was paged 5 minutes ago in this round, so hers would be a repeat, even though her level is higher.
        var due = Plan(incident, capped, reopenedAt.AddMinutes(20), Page(1, "ana", Opened), Page(2, "mia", reopenedAt.AddMinutes(15)));

        Assert.That(due.Single().IdempotencyKey, Is.EqualTo("inc-1:Page:L1:ana:2"));
    }
}
