using Crisis.CrisisCell.Incidents;
using Crisis.CrisisCell.Notifying.Delivering;
using Crisis.ServiceDefaults.EventSourcing;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using Microsoft.Extensions.DependencyInjection;

namespace Crisis.CrisisCell.Notifying.Planning;

/// <summary>
/// Paging as a process of its own, run by the async daemon (one node at a time) on committed events:
/// <list type="number">
/// <item>the deliveries' events become facts on their incident's stream (<see cref="DeliveryFacts"/>): dispatching to
/// whom, sent, failed, a copy refused; the incident records outcomes, never claims;</item>
/// <item>every incident that changed is planned (<see cref="PagingPlanning"/>): what is due from its state is sent to
/// the delivery queue, and the next time something comes due is written to the timeout table.</item>
/// </list>
/// At least once: a page handed over again after a crash decides the same facts, which the incident's decider drops as
/// already recorded, and plans the same deliveries, whose streams are already started.
/// </summary>
public sealed class PagingPlanner : SubscriptionBase
{
    private readonly IServiceProvider services;
    private readonly PagingPlanning planning;

    public PagingPlanner(IServiceProvider services, PagingPlanning planning)
    {
        // The store is resolved on first use: it is built with this subscription.
        this.services = services;
        this.planning = planning;
        Name = "paging";
        foreach (var type in IncidentEventNames.ByType.Keys) IncludeType(type);
        foreach (var type in DeliveryEventNames.ByType.Keys) IncludeType(type);
        Options.BatchSize = 100;
    }

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        await RecordFactsAsync(page.Events.Where(e => e.Data is DeliveryEvent).ToList(), cancellationToken);

        // The latest change of each incident, in order; its own notification facts plan nothing new except outcomes,
        // which change the planner's history (a repeat, the cap).
        var changed = page.Events
            .Where(e => e.Data is IncidentEvent and not (NotificationDispatching or NotificationSuppressed))
            .GroupBy(e => ((IncidentEvent)e.Data).IncidentId, StringComparer.Ordinal)
            .Select(g => (IncidentId: g.Key, Latest: g.Last()));
        foreach (var (incidentId, latest) in changed)
            await planning.PlanAsync(incidentId, latest, cancellationToken);
        return NullChangeListener.Instance;
    }

    private async Task RecordFactsAsync(List<IEvent> deliveryEvents, CancellationToken ct)
    {
        if (deliveryEvents.Count == 0) return;
        var store = services.GetRequiredService<IDocumentStore>();
        await using var query = store.QuerySession();
        var deliveries = new Dictionary<string, DeliveryState.Started>(StringComparer.Ordinal);
        var incidents = new Dictionary<string, IncidentState>(StringComparer.Ordinal);
        var facts = new Dictionary<string, List<IncidentEvent>>(StringComparer.Ordinal);
        foreach (var e in deliveryEvents)
        {
            var deliveryEvent = (DeliveryEvent)e.Data;
            if (!deliveries.TryGetValue(deliveryEvent.DeliveryKey, out var delivery))
            {
                var stored = await query.Events.AggregateStreamAsync<DeciderState<DeliveryState>>(e.StreamKey!, token: ct);
                if (stored?.State is not DeliveryState.Started started) continue;
                deliveries[deliveryEvent.DeliveryKey] = delivery = started;
            }
            if (DeliveryFacts.For(delivery, deliveryEvent) is not { } command) continue;
            if (!incidents.TryGetValue(delivery.IncidentId, out var incident))
            {
                incident = (await query.Events.AggregateStreamAsync<DeciderState<IncidentState>>(IncidentStreams.KeyFor(delivery.IncidentId), token: ct))?.State
                    ?? IncidentDecider.Instance.Initial;
            }
            if (incident is not Incident) continue;
            foreach (var fact in IncidentDecider.Decide(command, incident))
            {
                incident = IncidentDecider.Evolve(incident, fact);
                (facts.TryGetValue(delivery.IncidentId, out var list) ? list : facts[delivery.IncidentId] = []).Add(fact);
            }
            incidents[delivery.IncidentId] = incident;
        }
        if (facts.Count == 0) return;
        await using var session = store.LightweightSession();
        // No expected version: the facts never make a person's command on the incident fail, nor fail themselves.
        foreach (var (incidentId, events) in facts)
            session.Events.Append(IncidentStreams.KeyFor(incidentId), events.Cast<object>().ToArray());
        await session.SaveChangesAsync(ct);
    }
}

/// <summary>The one mapping from a delivery's events to what its incident records.</summary>
public static class DeliveryFacts
{
    public const string CopyRefused = "already sent or being sent by another copy of this delivery: a redelivered message notifies nobody twice";

    public static IncidentCommand? For(DeliveryState.Started delivery, DeliveryEvent e) => e switch
    {
        DeliveryStarted s => new RecordNotificationDispatching(delivery.IncidentId, delivery.Delivery, s.MessageId, s.StartedAt),
        DeliverySent s => new RecordNotificationOutcome(delivery.IncidentId, delivery.Delivery, NotificationOutcome.Sent, null, s.SentAt),
        DeliveryFailed f => new RecordNotificationOutcome(delivery.IncidentId, delivery.Delivery, NotificationOutcome.Failed, f.Reason, f.FailedAt),
        DeliveryCopyRefused r => new RecordNotificationOutcome(delivery.IncidentId, delivery.Delivery, NotificationOutcome.Suppressed, CopyRefused, r.RefusedAt),
        _ => null,
    };
}
