using Crisis.Contracts.Notifications;
using Crisis.IntegrationTests.Running;

namespace Crisis.IntegrationTests.Notifying;

/// <summary>
/// Two nodes planned the same notification, or a redelivery overtook a slow send: copies of one delivery are consumed
/// at the same moment, on one node and on two. The claim on the incident lets one of them reach the channel.
/// </summary>
public class When_copies_of_a_delivery_arrive_at_once : NotificationSpec
{
    private const int Copies = 12;

    [Test]
    public async Task One_node_sends_it_once()
    {
        var incidentId = await QuietIncidentAsync("copies");

        await SendCopiesAsync(incidentId);

        await ReachesTheChannelOnceAsync(incidentId);
    }

    [Test]
    public async Task Two_nodes_send_it_once()
    {
        // A second crisis-cell node on the same store and queues: RabbitMQ hands the copies to both in turn.
        await using var second = await HostProcess.StartAsync(Receivers.HostSettings());
        var incidentId = await QuietIncidentAsync("twonodes");

        await SendCopiesAsync(incidentId);

        await ReachesTheChannelOnceAsync(incidentId);
    }

    /// <summary>
    /// An incident under a maintenance window: the planner sends nothing itself, so every copy on the queue is ours.
    /// The delivery side does not look at maintenance windows (the planner decided), so a copy would be sent.
    /// </summary>
    private async Task<string> QuietIncidentAsync(string prefix)
    {
        var incidentId = await OpenIncidentAsync(NotificationReceivers.QuietOrganisation, prefix);
        await EventuallyTimelineAsync(incidentId, t => t.Any(e => e.Type == "incident_notification_suppressed"), "the planner held the page back");
        return incidentId;
    }

    private async Task SendCopiesAsync(string incidentId)
    {
        var queue = await Bus.GetSendEndpoint(new Uri("exchange:crisis-cell-deliver-notification"));
        var copy = new DeliverNotification
        {
            IdempotencyKey = $"{incidentId}:Page:L1:amina@webhook",
            PlanKey = $"{incidentId}:Page:L1:amina",
            IncidentId = incidentId,
            OrganisationId = NotificationReceivers.QuietOrganisation,
            Kind = "Page",
            Level = 1,
            Recipient = "amina",
            Endpoint = "webhook",
            Attempt = 1,
            PlannedAt = DateTimeOffset.UtcNow,
        };
        await Task.WhenAll(Enumerable.Range(0, Copies).Select(_ => queue.Send(copy)));
    }

    private static async Task ReachesTheChannelOnceAsync(string incidentId)
    {
        var key = $"{incidentId}:Page:L1:amina@webhook";
        await WebhookAsync("/hooks/amina", incidentId, "one copy delivered");
        // Every copy handled: one sent, the others caught as already sent (a suppression is recorded once per key).
        var timeline = await EventuallyTimelineAsync(incidentId,
            t => t.Any(e => e.Type == "incident_notification_sent") && t.Any(e => e.Type == "incident_notification_suppressed" && DeliveryKey(e) == key),
            "the copies caught");
        await StaysTrueAsync(() => CallsFor("/hooks/amina", incidentId).Count() == 1, "one call whatever the number of copies");

        Assert.Multiple(() =>
        {
            Assert.That(timeline.Count(e => e.Type == "incident_notification_sent"), Is.EqualTo(1));
            Assert.That(timeline.Count(e => e.Type == "incident_notification_dispatching" && DeliveryKey(e) == key), Is.EqualTo(1), "claimed once");
            Assert.That(timeline.Single(e => e.Type == "incident_notification_suppressed" && DeliveryKey(e) == key).Data.GetProperty("why").GetString(),
                Does.StartWith("already sent"));
            Assert.That(CallsFor("/hooks/amina", incidentId).Single().Header("X-Crisis-Idempotency-Key"), Is.EqualTo(key));
        });
    }
}
