using System.Collections.Concurrent;
using Crisis.Contracts.Notifications;
using Crisis.CrisisCell.Incidents;
using Crisis.CrisisCell.Notifying.Configuring;
using Crisis.CrisisCell.Notifying.Delivering;
using Crisis.CrisisCell.OnCall.Planning;
using Crisis.ServiceDefaults.EventSourcing;
using Crisis.ServiceDefaults.Telemetry;
using JasperFx.Events;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Crisis.CrisisCell.Notifying.Planning;

/// <summary>
/// Plans one incident: asks <see cref="NotificationPlanner"/> what is due from the incident's state, sends one
/// <see cref="DeliverNotification"/> per due notification and contact endpoint whose delivery has not started, records
/// what the noise control held back, and writes the next time something comes due into the timeout table
/// (<see cref="PagingTimeouts"/>). Called by <see cref="PagingPlanner"/> when the incident changes and by
/// <see cref="PagingTimeoutService"/> when a timeout is reached; idempotent, since both may plan an incident at once
/// and the daemon may hand a page over twice: a delivery already started is not sent again, and a copy that still gets
/// through is refused by its delivery's stream.
/// </summary>
public sealed partial class PagingPlanning(
    IServiceProvider services, OnCallDirectory directory, IBus bus, TimeProvider clock, ILogger<PagingPlanning> logger)
{
    // Resolved on first use: the store is built with the daemon's subscriptions, and the planner is one of them.
    private IDocumentStore Store => field ??= services.GetRequiredService<IDocumentStore>();

    /// <summary>How long the planner trusts that a delivery message it sent is on its way, before its stream starts.</summary>
    private static readonly TimeSpan SendMemory = TimeSpan.FromMinutes(5);

    // The endpoint's exchange, not "queue:": a send to a queue address declares the queue without its quorum arguments.
    private static readonly Uri DeliveryQueue = new("exchange:" + DeliverNotificationConsumerDefinition.QueueName);

    // Not a claim: only keeps the queue quiet between a send and its delivery starting (the stream is the claim).
    private readonly ConcurrentDictionary<string, DateTimeOffset> sent = new(StringComparer.Ordinal);

    // Incidents already reported as unplannable here (no on-call file for their organisation on this node).
    private readonly ConcurrentDictionary<string, byte> unplannable = new(StringComparer.Ordinal);

    public async Task PlanAsync(string incidentId, IEvent? tracedBy, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        foreach (var (key, sentAt) in sent)
            if (now - sentAt > SendMemory) sent.TryRemove(key, out _);

        Incident? incident;
        await using (var query = Store.QuerySession())
            incident = (await query.Events.AggregateStreamAsync<DeciderState<IncidentState>>(IncidentStreams.KeyFor(incidentId), token: ct))?.State as Incident;
        if (incident is null) return;
        if (directory.For(incident.OrganisationId) is not { } onCall)
        {
            // Every node must hold every organisation's on-call file (docs/crisis-cell.md): an incident this node cannot plan
            // would otherwise page nobody without a word. Said once per incident and node, not on every event.
            if (unplannable.TryAdd(incidentId, 0)) LogNoOnCall(logger, incidentId, incident.OrganisationId);
            return;
        }

        var history = RecordingNotificationOutcomes.History(incident);
        var due = NotificationPlanner.Plan(incident, onCall.Policy, onCall.Roster, history, now);
        var facts = new List<IncidentEvent>();
        var state = (IncidentState)incident;
        void Record(NotificationDelivery delivery, string why)
        {
            foreach (var e in IncidentDecider.Decide(new RecordNotificationOutcome(incidentId, delivery, NotificationOutcome.Suppressed, why, now), state))
            {
                facts.Add(e);
                state = IncidentDecider.Evolve(state, e);
                LogSuppressed(logger, delivery.Key, why);
            }
        }

        // A span only when something is due, so idle plans leave no trace; the deliveries' messages carry it on.
        using var activity = due.Count == 0 ? null : EventTraceContext.StartFrom(CrisisCellTelemetry.Source, "notification.plan", tracedBy);
        activity?.SetTag("crisis.incident", incidentId);
        foreach (var (delivery, why) in HeldByNoiseControl(incident, onCall, history, due, now)) Record(delivery, why);

        var sentAny = false;
        foreach (var notification in due)
        {
            var endpoints = onCall.ContactsOf(notification.Recipient);
            if (endpoints.Count == 0)
            {
                Record(Delivery(notification, "none"), $"recipient '{notification.Recipient}' has no contact endpoint");
                continue;
            }
            foreach (var endpoint in endpoints)
            {
                var delivery = Delivery(notification, endpoint.Id);
                if (incident.DispatchedKeys.Contains(delivery.Key) || incident.Deliveries.Any(d => d.Delivery.Key == delivery.Key)
                    || sent.ContainsKey(delivery.Key) || await StartedAsync(delivery.Key, ct))
                    continue;
                var queue = await bus.GetSendEndpoint(DeliveryQueue);
                await queue.Send(Message(incident, notification, delivery, now), ct);
                sent[delivery.Key] = now;
                sentAny = true;
                LogSent(logger, delivery.Key, endpoint.Channel);
            }
        }

        var next = NotificationPlanner.NextDueAt(incident, onCall.Policy, onCall.Roster, history, now);
        // A message lost before its delivery started (a broker that lost it) is sent again when the incident is planned
        // next: at the latest once the note of it has lapsed, whether or not anything else comes due.
        DateTimeOffset? recheck = sentAny ? now + SendMemory + TimeSpan.FromSeconds(1) : null;
        if (facts.Count == 0 && next is null && recheck is null) return;
        await using var session = Store.LightweightSession();
        // Facts, appended without an expected version: the planner never races a person's command into a retry.
        if (facts.Count > 0) session.Events.Append(IncidentStreams.KeyFor(incidentId), facts.Cast<object>().ToArray());
        if (next is { } at) PagingTimeouts.Schedule(session, incidentId, at);
        if (recheck is { } again && again != next) PagingTimeouts.Schedule(session, incidentId, again);
        await session.SaveChangesAsync(ct);
    }

    private async Task<bool> StartedAsync(string deliveryKey, CancellationToken ct)
    {
        await using var query = Store.QuerySession();
        return await query.Events.FetchStreamStateAsync(DeliveryStreams.KeyFor(deliveryKey), ct) is not null;
    }

    /// <summary>
    /// What the noise control holds back now: plan again without the cap and maintenance windows and take the
    /// difference, so the timeline shows who was not told and why (once per notification, the decider sees to it).
    /// </summary>
    private static IEnumerable<(NotificationDelivery Delivery, string Why)> HeldByNoiseControl(
        Incident incident, OnCallConfiguration onCall, IReadOnlyCollection<SentNotification> history, IReadOnlyList<DueNotification> due, DateTimeOffset now)
    {
        var unlimited = onCall.Policy with
        {
            Noise = onCall.Policy.Noise with { MaxNotificationsPerWindow = int.MaxValue, MaintenanceWindows = [] },
        };
        var dueKeys = due.Select(d => d.IdempotencyKey).ToHashSet(StringComparer.Ordinal);
        var maintenance = onCall.Policy.Noise.MaintenanceWindows.FirstOrDefault(w => w.Covers(incident.BrandId, now));
        var why = maintenance is not null
            ? $"maintenance window until {maintenance.Until:O}"
            : $"frequency cap: at most {onCall.Policy.Noise.MaxNotificationsPerWindow} notifications per {onCall.Policy.Noise.CapWindow}";
        return NotificationPlanner.Plan(incident, unlimited, onCall.Roster, history, now)
            .Where(n => !dueKeys.Contains(n.IdempotencyKey))
            .Select(n => (Delivery(n, "noise-control"), why));
    }

    private static NotificationDelivery Delivery(DueNotification n, string endpointId) =>
        new($"{n.IdempotencyKey}@{endpointId}", n.IdempotencyKey, n.Kind, n.Level, n.Recipient, endpointId, n.Attempt);

    private static DeliverNotification Message(Incident incident, DueNotification n, NotificationDelivery delivery, DateTimeOffset now) => new()
    {
        IdempotencyKey = delivery.Key,
        PlanKey = n.IdempotencyKey,
        IncidentId = incident.IncidentId,
        OrganisationId = incident.OrganisationId,
        Kind = n.Kind.ToString(),
        Level = n.Level,
        Recipient = n.Recipient,
        Endpoint = delivery.Endpoint,
        Attempt = n.Attempt,
        PlannedAt = now,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {DeliveryKey} sent for delivery by {Channel}")]
    private static partial void LogSent(ILogger logger, string deliveryKey, DeliveryChannel channel);

    [LoggerMessage(Level = LogLevel.Error, Message = "Incident {IncidentId} pages nobody from this node: no on-call file for organisation {OrganisationId} (Notifications:OnCallFiles)")]
    private static partial void LogNoOnCall(ILogger logger, string incidentId, string organisationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {DeliveryKey} suppressed: {Why}")]
    private static partial void LogSuppressed(ILogger logger, string deliveryKey, string why);
}
