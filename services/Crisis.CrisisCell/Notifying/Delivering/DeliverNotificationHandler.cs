using Crisis.Contracts.Notifications;
using Crisis.CrisisCell.Incidents;
using Crisis.CrisisCell.Incidents.Opening;
using Crisis.CrisisCell.Incidents.QuotingPosts;
using Crisis.CrisisCell.Notifying.Channels;
using Crisis.CrisisCell.Notifying.Configuring;
using Crisis.CrisisCell.OnCall.Planning;
using Crisis.ServiceDefaults.EventSourcing;
using Crisis.PersonalData.Reading;
using Marten;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Crisis.CrisisCell.Notifying.Delivering;

/// <summary>
/// Delivers one <see cref="DeliverNotification"/>: suppresses a delivery that no longer makes sense (incident owned or
/// finished, endpoint gone), starts the delivery's own stream (the claim: a copy of the message finds it started and is
/// dropped), sends through the endpoint's channel and records <see cref="DeliverySent"/> on the delivery's stream,
/// where only a refused copy may write meanwhile (once). The incident hears of it from <see cref="Planning.PagingPlanner"/>.
/// </summary>
public sealed partial class DeliverNotificationHandler(
    IDocumentStore store, OnCallDirectory directory, IEnumerable<INotificationChannel> channels, IOptions<NotificationSettings> settings,
    QuotedPosts quotedPosts, TimeProvider clock, ILogger<DeliverNotificationHandler> logger)
{
    public async Task<NotificationOutcome> HandleAsync(DeliverNotification message, string messageId, CancellationToken ct)
    {
        var delivery = ToDelivery(message);
        var incident = await LoadAsync(message.IncidentId, ct);
        var endpoint = EndpointOf(message);
        var why = WhySuppress(incident, message)
            ?? (endpoint is null ? $"recipient '{message.Recipient}' has no endpoint '{message.Endpoint}' in the on-call configuration" : null);
        if (why is not null || endpoint is null)
        {
            await SuppressAsync(incident, delivery, why!, ct);
            CrisisCellTelemetry.NotificationOutcome(ChannelOf(endpoint), nameof(NotificationOutcome.Suppressed));
            return NotificationOutcome.Suppressed;
        }
        var channel = channels.FirstOrDefault(c => c.Channel == endpoint.Channel)
            ?? throw new DeliveryRefusedException($"no channel registered for {endpoint.Channel}");

        if (!await ClaimAsync(new StartDelivery(incident.IncidentId, delivery, messageId, clock.GetUtcNow()), ct))
        {
            // Another copy holds it, or sent it: the copy is recorded on the delivery, and the incident hears of it once.
            CrisisCellTelemetry.NotificationOutcome(ChannelOf(endpoint), nameof(NotificationOutcome.Suppressed));
            return NotificationOutcome.Suppressed;
        }

        using (var activity = CrisisCellTelemetry.Source.StartActivity("notification.send", System.Diagnostics.ActivityKind.Client))
        {
            activity?.SetTag("crisis.notification.channel", ChannelOf(endpoint));
            activity?.SetTag("crisis.notification.key", delivery.Key);
            var composed = NotificationMessage.From(incident, delivery.Kind, delivery.Level, delivery.Recipient, delivery.Key, settings.Value.PublicBaseUrl);
            // The posts' handles and words, read at the last moment: an author erased since is not quoted.
            var quoted = composed with
            {
                TopPosts = await quotedPosts.ResolveAsync(composed.TopPosts, PostScope.OfBrand(incident.OrganisationId, incident.BrandId), ct),
                Language = directory.For(incident.OrganisationId)?.LanguageOf(endpoint) ?? composed.Language,
                BrandName = await BrandNameAsync(incident.BrandId, ct),
            };
            await channel.SendAsync(quoted, endpoint, ct);
        }
        // The window where a crash sends twice: from the channel's answer to this one append, straight after the send
        // (nothing else is read or decided in between).
        await RecordSentAsync(delivery.Key, ct);
        CrisisCellTelemetry.NotificationOutcome(ChannelOf(endpoint), nameof(NotificationOutcome.Sent));
        return NotificationOutcome.Sent;
    }

    /// <summary>The brand's registered name, for the people paged; none when the brand cannot be read (the id is shown).</summary>
    private async Task<string?> BrandNameAsync(string brandId, CancellationToken ct)
    {
        await using var query = store.QuerySession();
        return (await query.LoadAsync<Crisis.Ingestion.Brands.BrandProfile>(Crisis.Ingestion.Brands.BrandStreams.KeyFor(brandId), ct))?.Name;
    }

    /// <summary>
    /// Appends <see cref="DeliverySent"/>, again if a copy's refusal took the stream's next version meanwhile. The send is
    /// done: a failure here would hand the message back to the bus, whose retry resumes the delivery and sends it a
    /// second time (seen with two nodes and twelve copies). Only a refused copy writes to a started delivery's stream,
    /// once per delivery, so a second attempt finds the version free; the bound only stops a stream gone wrong.
    /// </summary>
    private async Task RecordSentAsync(string deliveryKey, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var session = store.LightweightSession();
                session.Events.Append(DeliveryStreams.KeyFor(deliveryKey), new DeliverySent(deliveryKey, clock.GetUtcNow()));
                await session.SaveChangesAsync(ct);
                return;
            }
            catch (Exception e) when (attempt < 5 && BuzzEscalatedConsumer.LostStartRace(e))
            {
                LogSentRecordRaced(logger, deliveryKey, attempt);
            }
        }
    }

    /// <summary>
    /// Starts the delivery's stream; true when this message may send. A second start fails on the stream: then the
    /// delivery decides on its stream (its own message back after a crash or a bus retry resumes it, a copy is refused).
    /// </summary>
    private async Task<bool> ClaimAsync(StartDelivery start, CancellationToken ct)
    {
        var stream = DeliveryStreams.KeyFor(start.DeliveryKey);
        try
        {
            await using var session = store.LightweightSession();
            session.Logger = new StartRaceSessionLogger(session.Logger, logger);
            session.Events.StartStream(stream, DeliveryDecider.Instance.Decide(start, DeliveryDecider.Instance.Initial).Cast<object>().ToArray());
            await session.SaveChangesAsync(ct);
            return true;
        }
        catch (Exception e) when (BuzzEscalatedConsumer.LostStartRace(e))
        {
            // Expected: a copy, or this message again. A race on the decision below goes to the bus's retry.
            await using var session = store.LightweightSession();
            var (decided, _) = await session.HandleAsync(stream, DeliveryDecider.Instance, start, expectedVersion: null, ct);
            return DeliveryDecider.MaySend(decided);
        }
    }

    /// <summary>Records a failure the bus gave up on (see the fault consumer): on the delivery, when this message held it.</summary>
    public async Task RecordFailureAsync(DeliverNotification message, string messageId, string reason, CancellationToken ct)
    {
        var key = message.IdempotencyKey;
        await using var session = store.LightweightSession();
        var state = await session.Events.FetchStreamStateAsync(DeliveryStreams.KeyFor(key), ct);
        if (state is not null)
        {
            await session.HandleAsync(DeliveryStreams.KeyFor(key), DeliveryDecider.Instance, new RecordDeliveryFailed(key, messageId, reason, clock.GetUtcNow()), null, ct);
        }
        else
        {
            // Refused before it was claimed (no channel): nothing was started, the incident records why. An incident this
            // store does not hold is refused, and the fault consumer drops the fault.
            var incident = await LoadOrNullAsync(message.IncidentId, ct)
                ?? throw new DomainRefusalException($"incident '{message.IncidentId}' has not been opened");
            await AppendDecidedAsync(incident, new RecordNotificationOutcome(incident.IncidentId, ToDelivery(message), NotificationOutcome.Failed, reason, clock.GetUtcNow()), ct);
        }
        CrisisCellTelemetry.NotificationOutcome(ChannelOf(EndpointOf(message)), nameof(NotificationOutcome.Failed));
    }

    private async Task<Incident> LoadAsync(string incidentId, CancellationToken ct) =>
        await LoadOrNullAsync(incidentId, ct) ?? throw new IncidentNotHeldException($"incident '{incidentId}' does not exist");

    private async Task<Incident?> LoadOrNullAsync(string incidentId, CancellationToken ct)
    {
        await using var query = store.QuerySession();
        var state = await query.Events.AggregateStreamAsync<DeciderState<IncidentState>>(IncidentStreams.KeyFor(incidentId), token: ct);
        return state?.State as Incident;
    }

    private Task SuppressAsync(Incident incident, NotificationDelivery delivery, string why, CancellationToken ct) =>
        AppendDecidedAsync(incident, new RecordNotificationOutcome(incident.IncidentId, delivery, NotificationOutcome.Suppressed, why, clock.GetUtcNow()), ct);

    /// <summary>
    /// A fact on the incident, decided on the incident as read and appended without an expected version: it never
    /// races a person's command into a retry. Nothing was claimed, so there is no delivery stream to record it on.
    /// </summary>
    private async Task AppendDecidedAsync(Incident incident, IncidentCommand command, CancellationToken ct)
    {
        var events = IncidentDecider.Decide(command, incident);
        if (events.Count == 0) return;
        await using var session = store.LightweightSession();
        session.Events.Append(IncidentStreams.KeyFor(incident.IncidentId), events.Cast<object>().ToArray());
        await session.SaveChangesAsync(ct);
    }

    private ContactEndpoint? EndpointOf(DeliverNotification message) => directory.For(message.OrganisationId)?.Endpoint(message.Recipient, message.Endpoint);

    private static string ChannelOf(ContactEndpoint? endpoint) => endpoint?.Channel.ToString() ?? "none";

    private static string? WhySuppress(Incident incident, DeliverNotification message)
    {
        // A delivery already sent is the delivery stream's business (a copy is refused there), whatever the incident's state.
        if (incident.Deliveries.Any(d => d.Delivery.Key == message.IdempotencyKey && d.Outcome == NotificationOutcome.Sent))
            return null;
        if (incident.Status is IncidentStatus.Resolved or IncidentStatus.Closed)
            return $"incident {incident.Status.ToString().ToLowerInvariant()} before delivery";
        // A page asks someone to take the incident; once someone has, it would only be noise.
        if (message.Kind == nameof(NotificationKind.Page) && incident.Status != IncidentStatus.Opened)
            return $"incident acknowledged by {incident.AcknowledgedBy} before delivery";
        return null;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Delivery {DeliveryKey}: a copy's refusal took the stream's version as the send was recorded (attempt {Attempt}); recording it again")]
    private static partial void LogSentRecordRaced(ILogger logger, string deliveryKey, int attempt);

    internal static NotificationDelivery ToDelivery(DeliverNotification m) =>
        new(m.IdempotencyKey, m.PlanKey, Enum.Parse<NotificationKind>(m.Kind), m.Level, m.Recipient, m.Endpoint, m.Attempt);
}

/// <summary>A delivery that can never succeed as it stands: retrying cannot help, so it goes to the error queue at once.</summary>
public sealed class DeliveryRefusedException(string reason) : Exception(reason);

/// <summary>The delivery's incident is not in this store: see <see cref="DeliverNotificationConsumer"/>.</summary>
public sealed class IncidentNotHeldException(string reason) : Exception(reason);
