using Crisis.CrisisCell.Incidents;
using Crisis.CrisisCell.OnCall.Planning;

namespace Crisis.CrisisCell.Notifying.Delivering;

/// <summary>
/// One delivery of a planned notification through one of the recipient's contact endpoints. <see cref="Key"/> is
/// the delivery's idempotency key (the plan's key plus the endpoint); <see cref="PlanKey"/> is the planner's.
/// </summary>
public sealed record NotificationDelivery(
    string Key, string PlanKey, NotificationKind Kind, int Level, string Recipient, string Endpoint, int Attempt);

/// <summary>The record of what happened to one delivery, so the planner and the timeline both know.</summary>
public sealed record RecordNotificationOutcome(string IncidentId, NotificationDelivery Delivery, NotificationOutcome Outcome, string? Reason, DateTimeOffset Now)
    : IncidentCommand(IncidentId, Now);

public enum NotificationOutcome
{
    Sent,
    Failed,
    Suppressed,
}

public sealed record NotificationSent(string IncidentId, NotificationDelivery Delivery, DateTimeOffset SentAt) : IncidentEvent(IncidentId);

public sealed record NotificationFailed(string IncidentId, NotificationDelivery Delivery, string Reason, DateTimeOffset FailedAt) : IncidentEvent(IncidentId);

public sealed record NotificationSuppressed(string IncidentId, NotificationDelivery Delivery, string Why, DateTimeOffset SuppressedAt) : IncidentEvent(IncidentId);

/// <summary>
/// A delivery was started (its own stream claimed by <see cref="ClaimedBy"/>, a bus message): the cell sees who is
/// being notified before the channel answers. A fact projected from the delivery, not a lock: nothing waits on it.
/// </summary>
public sealed record NotificationDispatching(string IncidentId, NotificationDelivery Delivery, string ClaimedBy, DateTimeOffset ClaimedAt) : IncidentEvent(IncidentId);

/// <summary>Record that a delivery started (projected from its stream).</summary>
public sealed record RecordNotificationDispatching(string IncidentId, NotificationDelivery Delivery, string ClaimedBy, DateTimeOffset Now)
    : IncidentCommand(IncidentId, Now);

/// <summary>A delivery as the incident remembers it.</summary>
public sealed record DeliveryRecord(NotificationDelivery Delivery, NotificationOutcome Outcome, DateTimeOffset At);

internal static class RecordingNotificationOutcomes
{
    /// <summary>Once per key: a delivery resumed after its claimant died is the same delivery.</summary>
    public static IReadOnlyList<IncidentEvent> Decide(RecordNotificationDispatching command, IncidentState state)
    {
        var incident = Refusals.RequireOpened(state, command.IncidentId);
        return incident.DispatchedKeys.Contains(command.Delivery.Key)
            ? []
            : [new NotificationDispatching(command.IncidentId, command.Delivery, command.ClaimedBy, command.Now)];
    }

    public static IReadOnlyList<IncidentEvent> Decide(RecordNotificationOutcome command, IncidentState state)
    {
        var incident = Refusals.RequireOpened(state, command.IncidentId);
        var key = command.Delivery.Key;
        var recorded = incident.Deliveries.Where(d => d.Delivery.Key == key).Select(d => d.Outcome).ToHashSet();
        // Sent is final for a key: a redelivered message recorded twice would claim two notifications, and a late
        // failure report of a delivery that did go out would lie. A suppression is recorded once: a caught redelivery.
        if (recorded.Contains(command.Outcome) || (recorded.Contains(NotificationOutcome.Sent) && command.Outcome == NotificationOutcome.Failed))
            return [];
        return command.Outcome switch
        {
            NotificationOutcome.Sent => [new NotificationSent(command.IncidentId, command.Delivery, command.Now)],
            NotificationOutcome.Failed => [new NotificationFailed(command.IncidentId, command.Delivery, command.Reason ?? "unknown", command.Now)],
            _ => [new NotificationSuppressed(command.IncidentId, command.Delivery, command.Reason ?? "unknown", command.Now)],
        };
    }

    /// <summary>
    /// The planner's memory: one entry per planned notification that was attempted (sent or failed on any endpoint).
    /// Suppressions do not count, so a page held back by a maintenance window goes out once the window ends.
    /// </summary>
    public static IReadOnlyCollection<SentNotification> History(Incident incident) =>
        [.. incident.Deliveries
            .Where(d => d.Outcome != NotificationOutcome.Suppressed)
            .GroupBy(d => d.Delivery.PlanKey, StringComparer.Ordinal)
            .Select(g => g.MinBy(d => d.At)!)
            .Select(d => new SentNotification(d.Delivery.Kind, d.Delivery.Level, d.Delivery.Recipient, d.At))];
}
