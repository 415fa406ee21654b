using Crisis.Contracts.Notifications;
using Crisis.CrisisCell.Incidents;
using Crisis.CrisisCell.Notifying.Channels;
using Crisis.CrisisCell.Notifying.Configuring;
using Crisis.CrisisCell.OnCall.Planning;
using Crisis.ServiceDefaults.EventSourcing;
using JasperFx;
using Marten;

namespace Crisis.CrisisCell.Notifying.Delivering;

/// <summary>
/// Delivers one <see cref="DeliverNotification"/>: reads the incident, suppresses a delivery that no longer makes
/// sense (already sent, incident owned or finished, endpoint gone), sends through the endpoint's channel, and
/// records the outcome on the incident. The decider refuses a second <c>Sent</c> for a key, so the record stays
/// true even if two deliveries race; the send itself can only be at-least-once (a crash between the send and the
/// record resends on redelivery).
/// </summary>
public sealed class DeliverNotificationHandler(
    IDocumentStore store, OnCallDirectory directory, IEnumerable<INotificationChannel> channels, NotificationSettings settings, DeliveryClaims claims,
    TimeProvider clock)
{
    public async Task<NotificationOutcome> HandleAsync(DeliverNotification message, CancellationToken ct)
    {
        var delivery = ToDelivery(message);
        Incident incident;
        await using (var query = store.QuerySession())
        {
            var state = await query.Events.AggregateStreamAsync<DeciderState<IncidentState>>(IncidentStreams.KeyFor(message.IncidentId), token: ct);
            incident = state?.State as Incident ?? throw new DeliveryRefusedException($"incident '{message.IncidentId}' does not exist");
        }

        var endpoint = directory.For(message.OrganisationId)?.Endpoint(message.Recipient, message.Endpoint);
        if (WhySuppress(incident, message) is { } why)
        {
            await RecordAsync(message.IncidentId, delivery, NotificationOutcome.Suppressed, why, ct);
            CrisisCellTelemetry.NotificationOutcome(ChannelOf(endpoint), nameof(NotificationOutcome.Suppressed));
            return NotificationOutcome.Suppressed;
        }

        if (endpoint is null)
        {
            await RecordAsync(message.IncidentId, delivery, NotificationOutcome.Suppressed,
                $"recipient '{message.Recipient}' has no endpoint '{message.Endpoint}' in the on-call configuration", ct);
            CrisisCellTelemetry.NotificationOutcome(ChannelOf(endpoint), nameof(NotificationOutcome.Suppressed));
            return NotificationOutcome.Suppressed;
        }

        var channel = channels.FirstOrDefault(c => c.Channel == endpoint.Channel)
            ?? throw new DeliveryRefusedException($"no channel registered for {endpoint.Channel}");
        // Another delivery of this key may be sending right now (another node planned it too, or this is a redelivery
        // from a node that died): wait for its outcome, or for its claim to lapse and send it ourselves.
        if (!await ClaimOrSeeSentAsync(message, delivery.Key, ct))
        {
            await RecordAsync(message.IncidentId, delivery, NotificationOutcome.Suppressed, "already sent: another delivery of this key sent it", ct);
            CrisisCellTelemetry.NotificationOutcome(ChannelOf(endpoint), nameof(NotificationOutcome.Suppressed));
            return NotificationOutcome.Suppressed;
        }
        using (var activity = CrisisCellTelemetry.Source.StartActivity("notification.send", System.Diagnostics.ActivityKind.Client))
        {
            activity?.SetTag("crisis.notification.channel", ChannelOf(endpoint));
            activity?.SetTag("crisis.notification.key", delivery.Key);
            try
            {
                await channel.SendAsync(
                    NotificationMessage.From(incident, delivery.Kind, delivery.Level, delivery.Recipient, delivery.Key, settings.PublicBaseUrl), endpoint, ct);
            }
            catch
            {
                await claims.ReleaseAsync(delivery.Key);
                throw;
            }
        }
        await RecordAsync(message.IncidentId, delivery, NotificationOutcome.Sent, null, ct);
        CrisisCellTelemetry.NotificationOutcome(ChannelOf(endpoint), nameof(NotificationOutcome.Sent));
        return NotificationOutcome.Sent;
    }

    /// <summary>True once this delivery holds the key's claim; false once the incident records the key as sent by another.</summary>
    private async Task<bool> ClaimOrSeeSentAsync(DeliverNotification message, string key, CancellationToken ct)
    {
        while (!await claims.TryClaimAsync(key, ct))
        {
            await Task.Delay(ClaimPollInterval, clock, ct);
            await using var query = store.QuerySession();
            var state = await query.Events.AggregateStreamAsync<DeciderState<IncidentState>>(IncidentStreams.KeyFor(message.IncidentId), token: ct);
            if (state?.State is Incident incident && incident.Deliveries.Any(d => d.Delivery.Key == key && d.Outcome == NotificationOutcome.Sent)) return false;
        }
        return true;
    }

    private static readonly TimeSpan ClaimPollInterval = TimeSpan.FromSeconds(1);

    /// <summary>Records a failure the bus gave up on (see the fault consumer).</summary>
    public async Task RecordFailureAsync(DeliverNotification message, string reason, CancellationToken ct)
    {
        await RecordAsync(message.IncidentId, ToDelivery(message), NotificationOutcome.Failed, reason, ct);
        CrisisCellTelemetry.NotificationOutcome(
            ChannelOf(directory.For(message.OrganisationId)?.Endpoint(message.Recipient, message.Endpoint)), nameof(NotificationOutcome.Failed));
    }

    private static string ChannelOf(ContactEndpoint? endpoint) => endpoint?.Channel.ToString() ?? "none";

    private static string? WhySuppress(Incident incident, DeliverNotification message)
    {
        if (incident.Deliveries.Any(d => d.Delivery.Key == message.IdempotencyKey && d.Outcome == NotificationOutcome.Sent))
            return "already sent: a redelivered message notifies nobody twice";
        if (incident.Status is IncidentStatus.Resolved or IncidentStatus.Closed)
            return $"incident {incident.Status.ToString().ToLowerInvariant()} before delivery";
        // A page asks someone to take the incident; once someone has, it would only be noise.
        if (message.Kind == nameof(NotificationKind.Page) && incident.Status != IncidentStatus.Opened)
            return $"incident acknowledged by {incident.AcknowledgedBy} before delivery";
        return null;
    }

    private async Task RecordAsync(string incidentId, NotificationDelivery delivery, NotificationOutcome outcome, string? reason, CancellationToken ct)
    {
        // Deliveries of one incident through other channels append to the same stream at the same moment: a lost
        // version race is retried here, never by redelivering (which would send the notification again).
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var session = store.LightweightSession();
                await session.HandleAsync(IncidentStreams.KeyFor(incidentId), IncidentDecider.Instance,
                    new RecordNotificationOutcome(incidentId, delivery, outcome, reason, clock.GetUtcNow()), expectedVersion: null, ct);
                return;
            }
            catch (ConcurrencyException) when (attempt < 10)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20 * attempt), ct);
            }
        }
    }

    private static NotificationDelivery ToDelivery(DeliverNotification m) =>
        new(m.IdempotencyKey, m.PlanKey, Enum.Parse<NotificationKind>(m.Kind), m.Level, m.Recipient, m.Endpoint, m.Attempt);
}

/// <summary>A delivery that can never succeed as it stands: retrying cannot help, so it goes to the error queue at once.</summary>
public sealed class DeliveryRefusedException(string reason) : Exception(reason);
