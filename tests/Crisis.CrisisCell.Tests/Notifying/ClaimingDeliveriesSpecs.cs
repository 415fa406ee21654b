using Crisis.CrisisCell.Notifying.Delivering;
using Crisis.CrisisCell.OnCall.Planning;
using Crisis.CrisisCell.Tests.Incidents;
using Crisis.ServiceDefaults.EventSourcing;
using static Crisis.CrisisCell.Tests.Incidents.Fixtures;

namespace Crisis.CrisisCell.Tests.Notifying;

public class When_a_delivery_is_claimed_before_its_send
{
    private static readonly NotificationDelivery ByWebhook = new("inc-1:Page:L1:ana@webhook", "inc-1:Page:L1:ana", NotificationKind.Page, 1, "ana", "webhook", 1);
    private static readonly DateTimeOffset At = Now.AddSeconds(5);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private static ClaimDelivery Claim(string by, DateTimeOffset now) => new(IncidentId, ByWebhook, by, now + Lease, now);

    private static NotificationDispatching Claimed(string by, DateTimeOffset at) => new(IncidentId, ByWebhook, by, at, at + Lease);

    [Test]
    public void A_first_claim_is_recorded() =>
        Scenario.Given(Opened()).When(Claim("node-a", At)).Then(Claimed("node-a", At));

    [Test]
    public void A_claim_held_by_another_claimant_records_nothing() =>
        Scenario.Given(Opened(), Claimed("node-a", Now)).When(Claim("node-b", At)).ThenNothing();

    [Test]
    public void A_key_already_sent_cannot_be_claimed() =>
        Scenario.Given(Opened(), Claimed("node-a", Now), new NotificationSent(IncidentId, ByWebhook, Now.AddSeconds(1)))
            .When(Claim("node-b", Now.AddHours(1))).ThenNothing();

    [Test]
    public void An_expired_claim_without_outcome_is_taken_over() =>
        Scenario.Given(Opened(), Claimed("node-a", Now)).When(Claim("node-b", Now + Lease)).Then(Claimed("node-b", Now + Lease));

    [Test]
    public void The_claimant_may_claim_again_after_its_own_failed_attempt() =>
        Scenario.Given(Opened(), Claimed("node-a", Now)).When(Claim("node-a", At)).Then(Claimed("node-a", At));

    [Test]
    public void A_recorded_failure_frees_the_key_for_a_later_redelivery() =>
        Scenario.Given(Opened(), Claimed("node-a", Now), new NotificationFailed(IncidentId, ByWebhook, "500", Now.AddSeconds(1)))
            .When(Claim("node-b", At)).Then(Claimed("node-b", At));

    [Test]
    public void The_incident_knows_who_is_sending_until_the_outcome()
    {
        var claiming = Scenario.Given(Opened()).When(Claim("node-a", At));
        var sent = Scenario.Given(Opened(), Claimed("node-a", At)).When(new RecordNotificationOutcome(IncidentId, ByWebhook, NotificationOutcome.Sent, null, At));
        Assert.Multiple(() =>
        {
            Assert.That(claiming.StateAfter().Claims[ByWebhook.Key], Is.EqualTo(new DeliveryClaim("node-a", At, At + Lease)));
            Assert.That(sent.StateAfter().Claims, Is.Empty);
        });
    }

    [Test]
    public void A_claim_ending_before_it_starts_is_refused() =>
        Scenario.Given(Opened()).When(new ClaimDelivery(IncidentId, ByWebhook, "node-a", At, At)).ThenRefused(DomainRefusalKind.Invalid, "beyond now");
}
