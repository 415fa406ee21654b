using System.Text.Json;
using Crisis.CrisisCell.Incidents;
using Crisis.CrisisCell.Notifying.Delivering;
using Crisis.CrisisCell.Notifying.Planning;
using Crisis.CrisisCell.OnCall.Planning;
using Crisis.CrisisCell.Tests.Incidents;
using Crisis.ServiceDefaults.EventSourcing;
using static Crisis.CrisisCell.Tests.Incidents.Fixtures;

namespace Crisis.CrisisCell.Tests.Notifying;

/// <summary>Given(delivery events) / When(command) / Then(delivery events) over the delivery decider.</summary>
internal sealed class DeliveryScenario
{
    private readonly DeliveryEvent[] given;
    private DeliveryCommand? when;

    private DeliveryScenario(DeliveryEvent[] given) => this.given = given;

    public static DeliveryScenario Given(params DeliveryEvent[] events) => new(events);

    public DeliveryScenario When(DeliveryCommand command)
    {
        when = command;
        return this;
    }

    public IReadOnlyList<DeliveryEvent> Decided() => DeliveryDecider.Instance.Decide(when!, DeliveryDecider.Instance.Fold(given));

    public void Then(params DeliveryEvent[] expected) => Assert.That(Describe(Decided()), Is.EqualTo(Describe(expected)));

    public void ThenNothing() => Assert.That(Decided(), Is.Empty);

    private static string[] Describe(IEnumerable<DeliveryEvent> events) =>
        [.. events.Select(e => $"{e.GetType().Name} {JsonSerializer.Serialize(e, e.GetType())}")];
}

public class When_a_delivery_is_started
{
    private static readonly NotificationDelivery ByWebhook = new("inc-1:Page:L1:ana@webhook", "inc-1:Page:L1:ana", NotificationKind.Page, 1, "ana", "webhook", 1);
    private static readonly string Key = ByWebhook.Key;
    private static readonly DateTimeOffset At = Now.AddSeconds(5);

    private static StartDelivery Start(string messageId, DateTimeOffset now) => new(IncidentId, ByWebhook, messageId, now);

    private static DeliveryStarted Started(string messageId) => new(Key, IncidentId, ByWebhook, messageId, Now);

    [Test]
    public void The_first_message_claims_it_by_starting_its_stream()
    {
        var decided = DeliveryScenario.Given().When(Start("m1", Now));
        decided.Then(Started("m1"));
        Assert.That(DeliveryDecider.MaySend(decided.Decided()), Is.True);
    }

    [Test]
    public void A_copy_arriving_while_it_is_being_sent_is_refused_once()
    {
        DeliveryScenario.Given(Started("m1")).When(Start("m2", At)).Then(new DeliveryCopyRefused(Key, "m2", At));
        DeliveryScenario.Given(Started("m1"), new DeliveryCopyRefused(Key, "m2", At)).When(Start("m3", At)).ThenNothing();
    }

    [Test]
    public void A_copy_arriving_after_the_send_is_refused()
    {
        var decided = DeliveryScenario.Given(Started("m1"), new DeliverySent(Key, At)).When(Start("m2", At.AddSeconds(1)));
        decided.Then(new DeliveryCopyRefused(Key, "m2", At.AddSeconds(1)));
        Assert.That(DeliveryDecider.MaySend(decided.Decided()), Is.False);
    }

    [Test]
    public void Its_own_message_coming_back_without_an_outcome_resumes_it() =>
        // RabbitMQ gives a message to one consumer at a time: the earlier holder died, or the bus retries it here.
        DeliveryScenario.Given(Started("m1")).When(Start("m1", At)).Then(new DeliveryResumed(Key, "m1", At));

    [Test]
    public void Its_own_message_coming_back_after_the_send_sends_nothing() =>
        DeliveryScenario.Given(Started("m1"), new DeliverySent(Key, At)).When(Start("m1", At.AddSeconds(1)))
            .Then(new DeliveryCopyRefused(Key, "m1", At.AddSeconds(1)));

    [Test]
    public void A_failed_delivery_may_be_tried_again_by_a_replayed_message() =>
        DeliveryScenario.Given(Started("m1"), new DeliveryFailed(Key, "500", At)).When(Start("m9", At.AddMinutes(5)))
            .Then(new DeliveryResumed(Key, "m9", At.AddMinutes(5)));

    [Test]
    public void A_resumed_delivery_belongs_to_the_message_that_resumed_it() =>
        DeliveryScenario.Given(Started("m1"), new DeliveryFailed(Key, "500", At), new DeliveryResumed(Key, "m9", At))
            .When(new RecordDeliveryFailed(Key, "m1", "late fault of the first message", At)).ThenNothing();
}

public class When_a_delivery_outcome_comes_in
{
    private static readonly NotificationDelivery ByEmail = new("inc-1:Page:L1:ana@email", "inc-1:Page:L1:ana", NotificationKind.Page, 1, "ana", "email", 1);
    private static readonly string Key = ByEmail.Key;
    private static readonly DeliveryStarted Started = new(Key, IncidentId, ByEmail, "m1", Now);
    private static readonly DateTimeOffset At = Now.AddSeconds(2);

    [Test]
    public void The_send_is_recorded_once() =>
        DeliveryScenario.Given(Started).When(new RecordDeliverySent(Key, "m1", At)).Then(new DeliverySent(Key, At));

    [Test]
    public void A_second_send_record_is_dropped() =>
        DeliveryScenario.Given(Started, new DeliverySent(Key, At)).When(new RecordDeliverySent(Key, "m1", At)).ThenNothing();

    [Test]
    public void The_holders_failure_is_recorded() =>
        DeliveryScenario.Given(Started).When(new RecordDeliveryFailed(Key, "m1", "smtp 550", At)).Then(new DeliveryFailed(Key, "smtp 550", At));

    [Test]
    public void A_copys_fault_says_nothing_about_the_delivery() =>
        DeliveryScenario.Given(Started).When(new RecordDeliveryFailed(Key, "m2", "concurrency", At)).ThenNothing();

    [Test]
    public void A_failure_after_the_send_is_dropped() =>
        DeliveryScenario.Given(Started, new DeliverySent(Key, At)).When(new RecordDeliveryFailed(Key, "m1", "timeout", At)).ThenNothing();

    [Test]
    public void A_send_without_a_start_is_refused() =>
        Assert.Throws<DomainRefusalException>(() => DeliveryScenario.Given().When(new RecordDeliverySent(Key, "m1", At)).Decided());
}

/// <summary>What the incident records from its deliveries: facts the cell reads, each once, whatever the daemon replays.</summary>
public class When_deliveries_are_projected_onto_their_incident
{
    private static readonly NotificationDelivery ByWebhook = new("inc-1:Page:L1:ana@webhook", "inc-1:Page:L1:ana", NotificationKind.Page, 1, "ana", "webhook", 1);
    private static readonly DeliveryState.Started Delivery = new(IncidentId, ByWebhook, "m1", DeliveryStatus.Sending, CopyRefused: false);
    private static readonly DateTimeOffset At = Now.AddSeconds(3);

    private static IncidentCommand Fact(DeliveryEvent e) => DeliveryFacts.For(Delivery, e)!;

    [Test]
    public void A_start_says_who_is_being_notified_once() =>
        Scenario.Given(Opened(), new NotificationDispatching(IncidentId, ByWebhook, "m1", Now))
            .When(Fact(new DeliveryStarted(ByWebhook.Key, IncidentId, ByWebhook, "m1", Now))).ThenNothing();

    [Test]
    public void A_send_is_recorded_with_the_channels_time() =>
        Scenario.Given(Opened(), new NotificationDispatching(IncidentId, ByWebhook, "m1", Now))
            .When(Fact(new DeliverySent(ByWebhook.Key, At))).Then(new NotificationSent(IncidentId, ByWebhook, At));

    [Test]
    public void A_refused_copy_is_recorded_once_as_suppressed() =>
        Scenario.Given(Opened(), new NotificationSent(IncidentId, ByWebhook, Now))
            .When(Fact(new DeliveryCopyRefused(ByWebhook.Key, "m2", At)))
            .Then(new NotificationSuppressed(IncidentId, ByWebhook, DeliveryFacts.CopyRefused, At));

    [Test]
    public void A_resumption_is_no_news_for_the_incident() =>
        Assert.That(DeliveryFacts.For(Delivery, new DeliveryResumed(ByWebhook.Key, "m1", At)), Is.Null);
}
