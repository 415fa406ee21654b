using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Crisis.Contracts.Buzz;
using Crisis.Contracts.Notifications;
using Crisis.IntegrationTests.Incidents;
using Crisis.IntegrationTests.Running;
using MassTransit;

namespace Crisis.IntegrationTests.Notifying;

/// <summary>
/// Buzz pages on the real RabbitMQ, the host plans and delivers through its delivery queue, and the loopback
/// receivers stand in for the webhook endpoints and the SMTP relay. Each test uses brands of its own.
/// </summary>
public class When_the_crisis_cell_notifies_on_call : NotificationSpec
{
    [Test]
    public async Task A_buzz_page_pages_level_one_by_signed_webhook_and_by_email()
    {
        var incidentId = await OpenIncidentAsync(NotificationReceivers.Organisation, "pageone");

        var hook = await WebhookAsync("/hooks/amina", incidentId, "amina's webhook");
        var mail = await MailAsync("amina@test.local", incidentId, "amina's e-mail");

        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(NotificationReceivers.Secret), Encoding.UTF8.GetBytes(hook.Body)));
        using var body = JsonDocument.Parse(hook.Body);
        Assert.Multiple(() =>
        {
            Assert.That(hook.Header("X-Crisis-Signature"), Is.EqualTo(expected), "the signature verifies with the shared secret");
            Assert.That(hook.Header("X-Crisis-Timestamp"), Is.Not.Null.And.Not.Empty);
            Assert.That(body.RootElement.GetProperty("kind").GetString(), Is.EqualTo("Page"));
            Assert.That(body.RootElement.GetProperty("level").GetInt32(), Is.EqualTo(1));
            Assert.That(body.RootElement.GetProperty("acknowledge").GetProperty("url").GetString(),
                Is.EqualTo($"http://crisis.test/api/incidents/{incidentId}/acknowledge"));
            Assert.That(hook.Body, Does.Contain(ArabicExcerpt));
            Assert.That(mail.Message.Subject, Does.StartWith("[Crisis L1]"));
            Assert.That(mail.Message.TextBody, Does.Contain(ArabicExcerpt));
            Assert.That(mail.Message.TextBody, Does.Contain($"POST http://crisis.test/api/incidents/{incidentId}/acknowledge"));
        });
        var sent = await EventuallyTimelineAsync(incidentId, t => t.Count(e => e.Type == "incident_notification_sent") >= 2, "both deliveries recorded");
        Assert.That(sent.Where(e => e.Type == "incident_notification_sent").Select(e => e.Data.GetProperty("delivery").GetProperty("endpoint").GetString()),
            Is.EquivalentTo(new[] { "webhook", "email" }));
    }

    [Test]
    public async Task Nobody_acknowledging_pages_level_two_after_the_policy_delay()
    {
        var incidentId = await OpenIncidentAsync(NotificationReceivers.Organisation, "leveltwo");
        var opened = (await IncidentApi.GetAsync($"/api/incidents/{incidentId}", NotificationReceivers.Organisation))!.Value.GetProperty("openedAt").GetDateTimeOffset();

        var levelTwo = await WebhookAsync("/hooks/karim", incidentId, "karim paged at level 2", TimeSpan.FromSeconds(45));

        using var body = JsonDocument.Parse(levelTwo.Body);
        Assert.Multiple(() =>
        {
            Assert.That(body.RootElement.GetProperty("level").GetInt32(), Is.EqualTo(2));
            Assert.That(levelTwo.ReceivedAt, Is.GreaterThanOrEqualTo(opened + NotificationReceivers.LevelTwoAfter), "not before the policy's delay");
        });
    }

    [Test]
    public async Task Acknowledging_stops_the_escalation()
    {
        var acknowledged = await OpenIncidentAsync(NotificationReceivers.Organisation, "acked");
        // At once, well within the level-2 delay even on a loaded machine; level 1 may be paged meanwhile, or suppressed.
        using (var response = await IncidentApi.PostAsync($"/api/incidents/{acknowledged}/acknowledge", organisation: NotificationReceivers.Organisation))
            Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());

        // A control incident opened afterwards reaches level 2 later than the acknowledged one would have: once it
        // has, the planner has had every chance to page level 2 for the acknowledged one.
        var control = await OpenIncidentAsync(NotificationReceivers.Organisation, "control");
        await WebhookAsync("/hooks/karim", control, "the control incident at level 2", TimeSpan.FromSeconds(45));

        Assert.That(Receivers.Webhooks.Received.Where(r => r.Path == "/hooks/karim" && r.Body.Contains(acknowledged, StringComparison.Ordinal)), Is.Empty,
            "nobody is paged at level 2 once the incident is acknowledged");
    }

    [Test]
    public async Task A_redelivered_delivery_notifies_nobody_twice()
    {
        var incidentId = await OpenIncidentAsync(NotificationReceivers.Organisation, "redeliver");
        var hook = await WebhookAsync("/hooks/amina", incidentId, "amina's webhook");
        var key = hook.Header("X-Crisis-Idempotency-Key")!;
        await EventuallyTimelineAsync(incidentId, t => t.Any(e => e.Type == "incident_notification_sent" && DeliveryKey(e) == key), "the delivery recorded");

        var queue = await Bus.GetSendEndpoint(new Uri("exchange:crisis-cell-deliver-notification"));
        await queue.Send(new DeliverNotification
        {
            IdempotencyKey = key,
            PlanKey = key[..key.LastIndexOf('@')],
            IncidentId = incidentId,
            OrganisationId = NotificationReceivers.Organisation,
            Kind = "Page",
            Level = 1,
            Recipient = "amina",
            Endpoint = "webhook",
            Attempt = 1,
            PlannedAt = DateTimeOffset.UtcNow,
        });

        var timeline = await EventuallyTimelineAsync(incidentId,
            t => t.Any(e => e.Type == "incident_notification_suppressed" && DeliveryKey(e) == key), "the redelivery caught");
        Assert.Multiple(() =>
        {
            Assert.That(Receivers.Webhooks.Received.Count(r => r.Header("X-Crisis-Idempotency-Key") == key), Is.EqualTo(1), "one call for the key");
            Assert.That(timeline.Count(e => e.Type == "incident_notification_sent" && DeliveryKey(e) == key), Is.EqualTo(1));
            Assert.That(timeline.Single(e => e.Type == "incident_notification_suppressed" && DeliveryKey(e) == key).Data.GetProperty("why").GetString(),
                Does.StartWith("already sent"));
        });
    }

    [Test]
    public async Task A_failing_webhook_is_retried_then_recorded_as_failed_while_email_still_delivers()
    {
        var incidentId = await OpenIncidentAsync(NotificationReceivers.FailingOrganisation, "failing");

        var mail = await MailAsync("bob@test.local", incidentId, "bob's e-mail despite his webhook failing");
        var timeline = await EventuallyTimelineAsync(incidentId, t => t.Any(e => e.Type == "incident_notification_failed"), "the webhook failure recorded",
            TimeSpan.FromSeconds(60));

        var failed = timeline.Single(e => e.Type == "incident_notification_failed");
        var calls = Receivers.Webhooks.Received.Count(r => r.Path == "/failing/bob" && r.Body.Contains(incidentId, StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(mail.Message.Subject, Does.StartWith("[Crisis L1]"));
            Assert.That(failed.Data.GetProperty("delivery").GetProperty("endpoint").GetString(), Is.EqualTo("webhook"));
            Assert.That(failed.Data.GetProperty("reason").GetString(), Does.Contain("500"));
            Assert.That(calls, Is.GreaterThan(1), "transient failures are retried before giving up");
            Assert.That(timeline.Count(e => e.Type == "incident_notification_sent"), Is.EqualTo(1), "the e-mail, recorded as sent");
        });

        var faultMessage = await Eventually.ReturnsAsync(() => DeadLetteredFaultAsync(incidentId), f => f is not null, because: "the delivery in the error queue");
        Assert.That(faultMessage, Does.Contain("500"), "the error queue carries the exception");
    }

    /// <summary>The MassTransit fault header of the incident's delivery in the error queue; read without acknowledging, so it stays there.</summary>
    private static async Task<string?> DeadLetteredFaultAsync(string incidentId)
    {
        var factory = new RabbitMQ.Client.ConnectionFactory { Uri = TestServers.RabbitMq };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        while (await channel.BasicGetAsync("crisis-cell-deliver-notification_error", autoAck: false) is { } message)
        {
            if (!Encoding.UTF8.GetString(message.Body.Span).Contains(incidentId, StringComparison.Ordinal)) continue;
            return message.BasicProperties.Headers?.TryGetValue("MT-Fault-Message", out var fault) == true && fault is byte[] bytes
                ? Encoding.UTF8.GetString(bytes)
                : "";
        }
        return null;
    }

    [Test]
    public async Task A_page_held_back_by_a_maintenance_window_is_recorded_as_suppressed_and_not_sent()
    {
        var incidentId = await OpenIncidentAsync(NotificationReceivers.QuietOrganisation, "quiet");

        var timeline = await EventuallyTimelineAsync(incidentId, t => t.Any(e => e.Type == "incident_notification_suppressed"), "the suppression recorded");
        var suppressed = timeline.First(e => e.Type == "incident_notification_suppressed");
        Assert.Multiple(() =>
        {
            Assert.That(suppressed.Data.GetProperty("why").GetString(), Does.StartWith("maintenance window"));
            Assert.That(suppressed.Data.GetProperty("delivery").GetProperty("recipient").GetString(), Is.EqualTo("amina"));
            Assert.That(timeline.Count(e => e.Type == "incident_notification_suppressed"), Is.EqualTo(1), "recorded once, not every planning round");
            Assert.That(timeline.Any(e => e.Type == "incident_notification_sent"), Is.False);
            Assert.That(Receivers.Webhooks.Received.Any(r => r.Body.Contains(incidentId, StringComparison.Ordinal)), Is.False);
        });
    }
}
