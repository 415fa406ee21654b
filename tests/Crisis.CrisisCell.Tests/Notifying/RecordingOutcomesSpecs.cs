using Crisis.CrisisCell.Incidents;
using Crisis.CrisisCell.Notifying.Delivering;
using Crisis.CrisisCell.OnCall.Planning;
using Crisis.CrisisCell.Tests.Incidents;
using static Crisis.CrisisCell.Tests.Incidents.Fixtures;

namespace Crisis.CrisisCell.Tests.Notifying;

public class When_a_delivery_outcome_is_recorded
{
    private static readonly NotificationDelivery ByEmail = new("inc-1:Page:L1:ana@email", "inc-1:Page:L1:ana", NotificationKind.Page, 1, "ana", "email", 1);
    private static readonly NotificationDelivery ByWebhook = ByEmail with { Key = "inc-1:Page:L1:ana@webhook", Endpoint = "webhook" };
    private static readonly DateTimeOffset At = Now.AddSeconds(5);

    private static RecordNotificationOutcome Record(NotificationDelivery delivery, NotificationOutcome outcome, string? reason = null) =>
        new(IncidentId, delivery, outcome, reason, At);

    [Test]
    public void A_first_send_is_recorded() =>
        Scenario.Given(Opened()).When(Record(ByEmail, NotificationOutcome.Sent)).Then(new NotificationSent(IncidentId, ByEmail, At));

    [Test]
    public void A_second_send_of_the_same_key_records_nothing() =>
        Scenario.Given(Opened(), new NotificationSent(IncidentId, ByEmail, Now)).When(Record(ByEmail, NotificationOutcome.Sent)).ThenNothing();

    [Test]
    public void A_late_failure_of_a_delivery_that_went_out_records_nothing() =>
        Scenario.Given(Opened(), new NotificationSent(IncidentId, ByEmail, Now)).When(Record(ByEmail, NotificationOutcome.Failed, "timeout")).ThenNothing();

    [Test]
    public void A_caught_redelivery_is_recorded_once_as_suppressed()
    {
        var sent = new NotificationSent(IncidentId, ByEmail, Now);
        var caught = new NotificationSuppressed(IncidentId, ByEmail, "already sent", At);
        Scenario.Given(Opened(), sent).When(Record(ByEmail, NotificationOutcome.Suppressed, "already sent")).Then(caught);
        Scenario.Given(Opened(), sent, caught).When(Record(ByEmail, NotificationOutcome.Suppressed, "already sent")).ThenNothing();
    }

    [Test]
    public void The_planner_remembers_one_notification_per_plan_key_whatever_the_endpoints_and_not_the_suppressed_ones()
    {
        var incident = (Incident)IncidentDecider.Instance.Fold([
            Opened(),
            new NotificationSent(IncidentId, ByEmail, Now.AddSeconds(2)),
            new NotificationFailed(IncidentId, ByWebhook, "500", Now.AddSeconds(1)),
            new NotificationSuppressed(IncidentId, ByEmail with { Key = "inc-1:Page:L2:mia@noise-control", PlanKey = "inc-1:Page:L2:mia", Level = 2, Recipient = "mia" },
                "maintenance window", Now),
        ]);
        Assert.That(RecordingNotificationOutcomes.History(incident),
            Is.EqualTo(new[] { new SentNotification(NotificationKind.Page, 1, "ana", Now.AddSeconds(1)) }));
    }
}
