using System.Collections.Concurrent;
using Crisis.Contracts.Notifications;
using Crisis.CrisisCell.Incidents;
using Crisis.CrisisCell.Incidents.Summaries;
using Crisis.CrisisCell.Notifying.Configuring;
using Crisis.CrisisCell.Notifying.Delivering;
using Crisis.CrisisCell.OnCall;
using Crisis.CrisisCell.OnCall.Planning;
using Crisis.ServiceDefaults.EventSourcing;
using JasperFx;
using Marten;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Crisis.CrisisCell.Notifying.Planning;

/// <summary>
/// Asks <see cref="NotificationPlanner"/> what is due for an incident of an organisation with an on-call
/// configuration, and sends one <see cref="DeliverNotification"/> per due notification and contact endpoint. It plans
/// an incident as soon as this node commits a change to it (<see cref="IncidentChangeSignal"/>: a page reaches the
/// channel well within a second), again when something comes due by time alone (level 2 after N minutes, a quiet
/// re-notify, a grouping window ending: <see cref="NotificationPlanner.NextDueAt"/>), and every <c>PlanningInterval</c>
/// plans every live incident: the safety net for a signal or wake-up lost with a node.
/// Until an outcome is recorded the planner keeps answering the same keys; a short memory of what this node already
/// sent keeps the queue quiet meanwhile, and delivery's claim on each key stops what gets through twice (another node,
/// a restart) from reaching a channel twice.
/// </summary>
public sealed partial class NotificationPlanningService(
    IDocumentStore store, OnCallDirectory directory, NotificationSettings settings, IncidentChangeSignal signal, IBus bus, TimeProvider clock,
    ILogger<NotificationPlanningService> logger) : BackgroundService
{
    /// <summary>How long this node trusts that a delivery it sent is on its way (the bus retries take well under that).</summary>
    private static readonly TimeSpan DispatchMemory = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, DateTimeOffset> dispatched = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, DateTimeOffset> wakeUps = new(StringComparer.Ordinal);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(PlanChangedIncidentsAsync(stoppingToken), PlanPeriodicallyAsync(stoppingToken));

    /// <summary>
    /// The fast path: incidents this node just changed, one after the other. A burst of changes to one incident
    /// (a page and its evidence, several escalations arriving together) is planned once.
    /// </summary>
    private async Task PlanChangedIncidentsAsync(CancellationToken ct)
    {
        var batch = new HashSet<string>(StringComparer.Ordinal);
        while (await signal.Changed.WaitToReadAsync(ct))
        {
            batch.Clear();
            while (signal.Changed.TryRead(out var incidentId)) batch.Add(incidentId);
            foreach (var incidentId in batch)
            {
                try
                {
                    await PlanIncidentAsync(incidentId, clock.GetUtcNow(), ct);
                }
                catch (JasperFx.ConcurrencyException)
                {
                    // Another writer moved the incident on meanwhile: plan again from its new state.
                    signal.Retry(incidentId);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The periodic round will try again; the fast path must never die.
                    LogIncidentFailed(logger, incidentId, e);
                }
            }
        }
    }

    private async Task PlanPeriodicallyAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.PlanningInterval, clock);
        do
        {
            try
            {
                await PlanRoundAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A dead planner pages nobody: log and try again next tick.
                LogRoundFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    internal async Task PlanRoundAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        foreach (var (key, at) in dispatched)
            if (now - at > DispatchMemory) dispatched.TryRemove(key, out _);

        IReadOnlyList<IncidentSummary> live;
        await using (var query = store.QuerySession())
        {
            live = await query.Query<IncidentSummary>()
                .Where(s => s.Status == IncidentStatus.Opened || s.Status == IncidentStatus.Acknowledged || s.Status == IncidentStatus.Monitoring)
                .ToListAsync(ct);
        }

        foreach (var summary in live)
        {
            if (directory.For(summary.OrganisationId) is null) continue;
            try
            {
                await PlanIncidentAsync(summary.IncidentId, now, ct);
            }
            catch (JasperFx.ConcurrencyException)
            {
                // Another writer moved the incident on; the next round plans from its new state.
            }
        }
    }

    private async Task PlanIncidentAsync(string incidentId, DateTimeOffset now, CancellationToken ct)
    {
        Incident? incident;
        await using (var query = store.QuerySession())
            incident = (await query.Events.AggregateStreamAsync<DeciderState<IncidentState>>(IncidentStreams.KeyFor(incidentId), token: ct))?.State as Incident;
        if (incident is null || directory.For(incident.OrganisationId) is not { } onCall) return;

        var history = RecordingNotificationOutcomes.History(incident);
        var due = NotificationPlanner.Plan(incident, onCall.Policy, onCall.Roster, history, now);
        if (NotificationPlanner.NextDueAt(incident, onCall.Policy, onCall.Roster, history, now) is { } next)
            WakeUpAt(incident.IncidentId, next, now, ct);
        await RecordNoiseSuppressionsAsync(incident, onCall, history, due, now, ct);

        foreach (var notification in due)
        {
            var endpoints = onCall.ContactsOf(notification.Recipient);
            if (endpoints.Count == 0)
            {
                await SuppressAsync(incident, Delivery(notification, "none"), $"recipient '{notification.Recipient}' has no contact endpoint", now, ct);
                continue;
            }
            foreach (var endpoint in endpoints)
            {
                var delivery = Delivery(notification, endpoint.Id);
                // Recorded, or being sent right now (claimed, perhaps by another node): nothing to hand over again.
                if (incident.Deliveries.Any(d => d.Delivery.Key == delivery.Key)
                    || (incident.Claims.TryGetValue(delivery.Key, out var claim) && claim.HeldAt(now))
                    || !dispatched.TryAdd(delivery.Key, now)) continue;
                try
                {
                    var queue = await bus.GetSendEndpoint(DeliveryQueue);
                    await queue.Send(Message(incident, notification, delivery, now), ct);
                }
                catch
                {
                    // Not on the bus: the next round must send it again.
                    dispatched.TryRemove(delivery.Key, out _);
                    throw;
                }
                LogDispatched(logger, delivery.Key, endpoint.Channel);
            }
        }
    }

    /// <summary>
    /// Plans the incident again when its next notification comes due by time (level 2, a re-notification, a grouped
    /// notice), rather than at the next periodic round, which may be many seconds later. One wake-up per incident and
    /// time, however often it is planned meanwhile; a node that dies takes its wake-ups along, and the periodic round
    /// of the others covers for them.
    /// </summary>
    private void WakeUpAt(string incidentId, DateTimeOffset at, DateTimeOffset now, CancellationToken ct)
    {
        if (wakeUps.TryGetValue(incidentId, out var scheduled) && scheduled == at) return;
        wakeUps[incidentId] = at;
        _ = Task.Delay(at - now, clock, ct).ContinueWith(_ =>
        {
            wakeUps.TryRemove(new KeyValuePair<string, DateTimeOffset>(incidentId, at));
            signal.Retry(incidentId);
        }, CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
    }

    // The endpoint's exchange, not "queue:": a send to a queue address declares the queue without its quorum arguments.
    private static readonly Uri DeliveryQueue = new("exchange:" + DeliverNotificationConsumerDefinition.QueueName);

    /// <summary>
    /// What the noise control held back this round: plan again without the cap and maintenance windows and record
    /// the difference, once per notification, so the timeline shows who was not told and why.
    /// </summary>
    private async Task RecordNoiseSuppressionsAsync(
        Incident incident, OnCallConfiguration onCall, IReadOnlyCollection<SentNotification> history, IReadOnlyList<DueNotification> due,
        DateTimeOffset now, CancellationToken ct)
    {
        var unlimited = onCall.Policy with
        {
            Noise = onCall.Policy.Noise with { MaxNotificationsPerWindow = int.MaxValue, MaintenanceWindows = [] },
        };
        var dueKeys = due.Select(d => d.IdempotencyKey).ToHashSet(StringComparer.Ordinal);
        var held = NotificationPlanner.Plan(incident, unlimited, onCall.Roster, history, now).Where(n => !dueKeys.Contains(n.IdempotencyKey));
        var maintenance = onCall.Policy.Noise.MaintenanceWindows.FirstOrDefault(w => w.Covers(incident.BrandId, now));
        foreach (var notification in held)
        {
            var why = maintenance is not null
                ? $"maintenance window until {maintenance.Until:O}"
                : $"frequency cap: at most {onCall.Policy.Noise.MaxNotificationsPerWindow} notifications per {onCall.Policy.Noise.CapWindow}";
            await SuppressAsync(incident, Delivery(notification, "noise-control"), why, now, ct);
        }
    }

    private async Task SuppressAsync(Incident incident, NotificationDelivery delivery, string why, DateTimeOffset now, CancellationToken ct)
    {
        if (incident.Deliveries.Any(d => d.Delivery.Key == delivery.Key && d.Outcome == NotificationOutcome.Suppressed)) return;
        await using var session = store.LightweightSession();
        await session.HandleAsync(IncidentStreams.KeyFor(incident.IncidentId), IncidentDecider.Instance,
            new RecordNotificationOutcome(incident.IncidentId, delivery, NotificationOutcome.Suppressed, why, now), expectedVersion: null, ct);
        LogSuppressed(logger, delivery.Key, why);
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
    private static partial void LogDispatched(ILogger logger, string deliveryKey, DeliveryChannel channel);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {DeliveryKey} suppressed: {Why}")]
    private static partial void LogSuppressed(ILogger logger, string deliveryKey, string why);

    [LoggerMessage(Level = LogLevel.Error, Message = "Planning notifications of incident {IncidentId} failed")]
    private static partial void LogIncidentFailed(ILogger logger, string incidentId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Notification planning round failed")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
