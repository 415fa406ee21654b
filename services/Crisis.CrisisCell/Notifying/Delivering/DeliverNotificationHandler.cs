using Crisis.Contracts.Notifications;
using Crisis.CrisisCell.Incidents;
using Crisis.CrisisCell.Incidents.QuotingPosts;
using Crisis.CrisisCell.Notifying.Channels;
using Crisis.CrisisCell.Notifying.Configuring;
using Crisis.CrisisCell.OnCall.Planning;
using Crisis.ServiceDefaults.EventSourcing;
using Crisis.ServiceDefaults.PersonalData;
using JasperFx;
using Marten;

namespace Crisis.CrisisCell.Notifying.Delivering;

/// <summary>
/// Delivers one <see cref="DeliverNotification"/>: reads the incident, suppresses a delivery that no longer makes
/// sense (already sent, incident owned or finished, endpoint gone), claims the key on the incident, sends through
/// the endpoint's channel, and records the outcome. The claim makes copies of one delivery (two nodes planned it, a
/// redelivery) wait for the first one's outcome instead of sending again; the only resend left is after a claimant
/// died between the channel accepting the message and the outcome being recorded, once its claim has expired.
/// </summary>
public sealed class DeliverNotificationHandler(
    IDocumentStore store, OnCallDirectory directory, IEnumerable<INotificationChannel> channels, NotificationSettings settings,
    DeliveryClaimant claimant, QuotedPosts quotedPosts, TimeProvider clock)
{
    /// <summary>How often a copy waiting on another claimant looks for its outcome: soon at first (a send takes
    /// milliseconds), then every few seconds (the claimant may have died, and its claim takes minutes to expire).</summary>
    private static readonly TimeSpan FirstLook = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LongestLook = TimeSpan.FromSeconds(3);

    public async Task<NotificationOutcome> HandleAsync(DeliverNotification message, CancellationToken ct)
    {
        var delivery = ToDelivery(message);
        for (var wait = FirstLook; ; wait = wait * 2 < LongestLook ? wait * 2 : LongestLook)
        {
            var incident = await LoadAsync(message.IncidentId, ct);
            var endpoint = EndpointOf(message);
            var why = WhySuppress(incident, message)
                ?? (endpoint is null ? $"recipient '{message.Recipient}' has no endpoint '{message.Endpoint}' in the on-call configuration" : null);
            if (why is not null || endpoint is null)
            {
                await RecordAsync(message.IncidentId, delivery, NotificationOutcome.Suppressed, why, ct);
                CrisisCellTelemetry.NotificationOutcome(ChannelOf(endpoint), nameof(NotificationOutcome.Suppressed));
                return NotificationOutcome.Suppressed;
            }

            var channel = channels.FirstOrDefault(c => c.Channel == endpoint.Channel)
                ?? throw new DeliveryRefusedException($"no channel registered for {endpoint.Channel}");
            if (!claimant.TryStart(delivery.Key))
            {
                // Another copy is being sent by this process: its outcome will make this one a suppression.
                await Task.Delay(wait, clock, ct);
                continue;
            }
            try
            {
                if (!await ClaimAsync(incident, delivery, ct))
                {
                    await Task.Delay(wait, clock, ct);
                    continue;
                }
                using (var activity = CrisisCellTelemetry.Source.StartActivity("notification.send", System.Diagnostics.ActivityKind.Client))
                {
                    activity?.SetTag("crisis.notification.channel", ChannelOf(endpoint));
                    activity?.SetTag("crisis.notification.key", delivery.Key);
                    var composed = NotificationMessage.From(incident, delivery.Kind, delivery.Level, delivery.Recipient, delivery.Key, settings.PublicBaseUrl);
                    // The posts' handles and words, read at the last moment: an author erased since is not quoted.
                    await channel.SendAsync(composed with { TopPosts = await quotedPosts.ResolveAsync(composed.TopPosts, PostScope.OfBrand(incident.OrganisationId, incident.BrandId), ct) }, endpoint, ct);
                }
                await RecordAsync(message.IncidentId, delivery, NotificationOutcome.Sent, null, ct);
                CrisisCellTelemetry.NotificationOutcome(ChannelOf(endpoint), nameof(NotificationOutcome.Sent));
                return NotificationOutcome.Sent;
            }
            finally
            {
                claimant.Finish(delivery.Key);
            }
        }
    }

    /// <summary>
    /// Claims the key unless another claimant holds it. False when someone else holds it or won the race for it:
    /// the caller looks at the incident again (an outcome may be there by then).
    /// </summary>
    private async Task<bool> ClaimAsync(Incident incident, NotificationDelivery delivery, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (incident.Claims.TryGetValue(delivery.Key, out var held) && held.HeldAt(now) && held.ClaimedBy != claimant.Name)
            return false;
        try
        {
            await using var session = store.LightweightSession();
            var (events, _) = await session.HandleAsync(IncidentStreams.KeyFor(incident.IncidentId), IncidentDecider.Instance,
                new ClaimDelivery(incident.IncidentId, delivery, claimant.Name, now + settings.DeliveryClaimLease, now), expectedVersion: null, ct);
            return events.Count > 0;
        }
        catch (ConcurrencyException)
        {
            // Another write on the incident (often another channel's outcome) came first: look again.
            return false;
        }
    }

    private async Task<Incident> LoadAsync(string incidentId, CancellationToken ct)
    {
        await using var query = store.QuerySession();
        var state = await query.Events.AggregateStreamAsync<DeciderState<IncidentState>>(IncidentStreams.KeyFor(incidentId), token: ct);
        return state?.State as Incident ?? throw new DeliveryRefusedException($"incident '{incidentId}' does not exist");
    }

    /// <summary>Records a failure the bus gave up on (see the fault consumer).</summary>
    public async Task RecordFailureAsync(DeliverNotification message, string reason, CancellationToken ct)
    {
        await RecordAsync(message.IncidentId, ToDelivery(message), NotificationOutcome.Failed, reason, ct);
        CrisisCellTelemetry.NotificationOutcome(ChannelOf(EndpointOf(message)), nameof(NotificationOutcome.Failed));
    }

    private ContactEndpoint? EndpointOf(DeliverNotification message) => directory.For(message.OrganisationId)?.Endpoint(message.Recipient, message.Endpoint);

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
