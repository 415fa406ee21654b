using Crisis.CrisisCell.Incidents;
using Crisis.CrisisCell.Incidents.Opening;
using Crisis.CrisisCell.Incidents.Reopening;
using Crisis.ServiceDefaults.EventSourcing;
using static Crisis.CrisisCell.Tests.Incidents.Fixtures;

namespace Crisis.CrisisCell.Tests.Incidents;

public class When_a_buzz_escalates
{
    [Test]
    public void It_opens_one_incident() =>
        Scenario.Given().When(Escalation()).Then(Opened());

    [Test]
    public void It_opens_at_exactly_the_brand_threshold() =>
        Assert.That(Scenario.Given().When(Escalation(severity: Threshold)).Decided().Single(), Is.TypeOf<IncidentOpened>());

    [Test]
    public void It_opens_nothing_below_the_brand_threshold() =>
        Scenario.Given().When(Escalation(severity: Threshold - 1)).ThenNothing();

    [Test]
    public void The_incident_carries_the_buzz_evidence_and_episode()
    {
        var incident = Scenario.Given().When(Escalation()).StateAfter();

        Assert.Multiple(() =>
        {
            Assert.That(incident.Evidence, Is.SameAs(Evidence));
            Assert.That(incident.EpisodeId, Is.EqualTo(Episode));
            Assert.That(incident.OnsetAt, Is.EqualTo(Onset));
            Assert.That(incident.DetectedAt, Is.EqualTo(Detected));
            Assert.That(incident.Status, Is.EqualTo(IncidentStatus.Opened));
            Assert.That(incident.EscalationLevel, Is.EqualTo(1));
        });
    }

    [Test]
    public void Its_title_names_the_brand_by_its_registered_name()
    {
        var opened = (IncidentOpened)Scenario.Given().When(Escalation() with { BrandName = "Atlas Télécom" }).Decided().Single();
        Assert.Multiple(() =>
        {
            Assert.That(opened.Title, Is.EqualTo("Bad buzz on Atlas Télécom"));
            Assert.That(IncidentTitles.IsBuzz(opened.Title, opened.BrandId, "Atlas Télécom"), Is.True, "recognised as the default, so it can be said in the reader's language");
            Assert.That(IncidentTitles.IsBuzz("Lost luggage storm", opened.BrandId, "Atlas Télécom"), Is.False);
        });
    }

    [Test]
    public void Each_stage_deadline_counts_from_detection()
    {
        var incident = Scenario.Given().When(Escalation()).StateAfter();

        Assert.That(incident.Stages.Select(s => (s.StageId, s.Deadline)), Is.EqualTo(new[]
        {
            ("respond", Detected.AddMinutes(30)),
            ("be-transparent", Detected.AddHours(2)),
            ("acknowledge", Detected.AddHours(6)),
        }));
        Assert.That(incident.CurrentStage!.StageId, Is.EqualTo("respond"));
    }

    [Test]
    public void The_same_escalation_twice_opens_one_incident() =>
        Scenario.Given(Opened()).When(Escalation("esc-1")).ThenNothing();

    [Test]
    public void A_later_escalation_of_the_same_episode_updates_the_open_incident() =>
        Scenario.Given(Opened()).When(Escalation("esc-2", severity: 85, now: Now.AddMinutes(20)))
            .Then(new BuzzEscalationRecorded(IncidentId, "esc-2", 85, Detected, Evidence, "detector", Now.AddMinutes(20)));

    [Test]
    public void A_later_escalation_below_the_threshold_still_updates_the_open_incident() =>
        Assert.That(Scenario.Given(Opened()).When(Escalation("esc-2", severity: 10)).Decided().Single(), Is.TypeOf<BuzzEscalationRecorded>());

    [Test]
    public void The_incident_keeps_the_highest_severity_seen()
    {
        var higher = new BuzzEscalationRecorded(IncidentId, "esc-2", 90, Detected, Evidence, "detector", Now.AddMinutes(5));

        var incident = Scenario.Given(Opened(), higher).When(Escalation("esc-3", severity: 65)).StateAfter();

        Assert.That(incident.Severity, Is.EqualTo(90));
        Assert.That(incident.BuzzUpdates.Select(u => u.EscalationId), Is.EqualTo(new[] { "esc-1", "esc-2", "esc-3" }));
    }

    [Test]
    public void A_later_escalation_recorded_twice_is_recorded_once()
    {
        var recorded = new BuzzEscalationRecorded(IncidentId, "esc-2", 85, Detected, Evidence, "detector", Now.AddMinutes(20));

        Scenario.Given(Opened(), recorded).When(Escalation("esc-2", severity: 85)).ThenNothing();
    }

    [Test]
    public void An_escalation_of_another_episode_is_refused() =>
        Scenario.Given(Opened()).When(Escalation("esc-9", episode: "acme/20261128T0100"))
            .ThenRefused(DomainRefusalKind.Conflict, "follows episode 'acme/20261127T0945'");

    // Later pages are detected shortly before they arrive: evidence hours old would be a late page (LatePageSpecs).
    [Test]
    public void An_escalation_after_resolution_reopens_the_incident() =>
        Scenario.Given(ResolvedIncident()).When(Escalation("esc-2", now: Now.AddHours(9), detected: Now.AddHours(9).AddMinutes(-2)))
            .Then(
                new BuzzEscalationRecorded(IncidentId, "esc-2", 70, Now.AddHours(9).AddMinutes(-2), Evidence, "detector", Now.AddHours(9)),
                new IncidentReopened(IncidentId, "buzz escalated again (esc-2)", "detector", Now.AddHours(9)));

    [Test]
    public void An_escalation_while_monitoring_is_recorded_without_reopening() =>
        Scenario.Given(Opened(), Acknowledged(), MonitoringStarted()).When(Escalation("esc-2", now: Now.AddHours(4), detected: Now.AddHours(4).AddMinutes(-2)))
            .Then(new BuzzEscalationRecorded(IncidentId, "esc-2", 70, Now.AddHours(4).AddMinutes(-2), Evidence, "detector", Now.AddHours(4)));

    [Test]
    public void An_escalation_already_recorded_before_resolution_does_not_reopen()
    {
        var recorded = new BuzzEscalationRecorded(IncidentId, "esc-2", 85, Detected, Evidence, "detector", Now.AddMinutes(20));

        Scenario.Given(Opened(), Acknowledged(), recorded, Resolved()).When(Escalation("esc-2")).ThenNothing();
    }

    [Test]
    public void An_escalation_after_closure_is_refused_and_points_to_a_linked_incident() =>
        Scenario.Given(ClosedIncident()).When(Escalation("esc-2"))
            .ThenRefused(DomainRefusalKind.Conflict, "opens a new incident with PreviousIncidentId 'inc-1'");

    [Test]
    public void A_buzz_returning_after_closure_opens_a_new_incident_linked_to_the_old_one()
    {
        var incident = Scenario.Given().When(Escalation("esc-2", incidentId: "inc-2", previous: IncidentId)).StateAfter();

        Assert.That(incident.IncidentId, Is.EqualTo("inc-2"));
        Assert.That(incident.PreviousIncidentId, Is.EqualTo(IncidentId));
    }

    private static IEnumerable<TestCaseData> Malformed()
    {
        yield return new TestCaseData(Escalation() with { EpisodeId = "" }, "episode id").SetName("{m}(no episode)");
        yield return new TestCaseData(Escalation() with { EscalationId = " " }, "escalation id").SetName("{m}(no escalation id)");
        yield return new TestCaseData(Escalation() with { BrandId = "" }, "brand id").SetName("{m}(no brand)");
        yield return new TestCaseData(Escalation() with { By = "" }, "actor").SetName("{m}(no actor)");
        yield return new TestCaseData(Escalation(severity: -1), "severity").SetName("{m}(negative severity)");
        yield return new TestCaseData(Escalation() with { SeverityThreshold = -5 }, "threshold").SetName("{m}(negative threshold)");
        yield return new TestCaseData(Escalation() with { DetectedAt = Onset.AddMinutes(-1) }, "before its onset").SetName("{m}(detected before onset)");
        yield return new TestCaseData(Escalation() with { Playbook = Playbook with { Stages = [] } }, "at least one stage").SetName("{m}(empty playbook)");
        yield return new TestCaseData(Escalation(previous: IncidentId), "cannot follow itself").SetName("{m}(follows itself)");
    }

    [TestCaseSource(nameof(Malformed))]
    public void A_malformed_escalation_is_refused_as_invalid(OpenIncidentFromBuzz command, string problem) =>
        Scenario.Given().When(command).ThenRefused(DomainRefusalKind.Invalid, problem);
}

public class When_someone_opens_an_incident_by_hand
{
    private static readonly OpenIncidentByHand Open =
        new("inc-h", Organisation, Brand, "Fake Acme account phishing customers", 50, Playbook, null, "bob", Now);

    [Test]
    public void It_opens_with_detection_at_the_time_of_opening()
    {
        var incident = Scenario.Given().When(Open).StateAfter();

        Assert.Multiple(() =>
        {
            Assert.That(incident.Source, Is.EqualTo(IncidentSource.Manual));
            Assert.That(incident.Title, Is.EqualTo("Fake Acme account phishing customers"));
            Assert.That(incident.DetectedAt, Is.EqualTo(Now));
            Assert.That(incident.EpisodeId, Is.Null);
            Assert.That(incident.Stages[0].Deadline, Is.EqualTo(Now.AddMinutes(30)));
        });
    }

    [Test]
    public void It_opens_regardless_of_any_threshold() =>
        Assert.That(Scenario.Given().When(Open with { Severity = 0 }).Decided().Single(), Is.TypeOf<IncidentOpened>());

    [Test]
    public void Opening_it_again_the_same_way_changes_nothing()
    {
        var opened = Scenario.Given().When(Open).Decided();

        Scenario.Given([.. opened]).When(Open).ThenNothing();
    }

    [Test]
    public void Opening_another_incident_under_the_same_id_is_refused()
    {
        var opened = Scenario.Given().When(Open).Decided();

        Scenario.Given([.. opened]).When(Open with { Title = "Something else" }).ThenRefused(DomainRefusalKind.Conflict, "already open");
    }

    [Test]
    public void Opening_without_a_title_is_refused_as_invalid() =>
        Scenario.Given().When(Open with { Title = "" }).ThenRefused(DomainRefusalKind.Invalid, "title");

    [Test]
    public void A_buzz_routed_to_a_hand_opened_incident_is_refused()
    {
        var opened = Scenario.Given().When(Open).Decided();

        Scenario.Given([.. opened]).When(Escalation(incidentId: "inc-h")).ThenRefused(DomainRefusalKind.Conflict, "opened by hand");
    }
}
