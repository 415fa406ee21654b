using Crisis.CrisisCell.Incidents;

namespace Crisis.CrisisCell.Notifying.Delivering;

/// <summary>
/// Before a channel is called, the delivery claims its key on the incident, in the same store as the outcome: two
/// copies of one delivery (two nodes planned it, a redelivery overtook a slow send) cannot both reach the channel,
/// because only one claim is decided on a given stream version. <see cref="Until"/> bounds the claim: a claimant that
/// died between its send and its record leaves a claim that expires, and the next copy sends again (the one window
/// left, see docs/crisis-cell.md).
/// </summary>
public sealed record ClaimDelivery(string IncidentId, NotificationDelivery Delivery, string ClaimedBy, DateTimeOffset Until, DateTimeOffset Now)
    : IncidentCommand(IncidentId, Now);

/// <summary>A delivery is being handed to its channel by <see cref="ClaimedBy"/> (a host process), until an outcome or <see cref="ClaimedUntil"/>.</summary>
public sealed record NotificationDispatching(
    string IncidentId, NotificationDelivery Delivery, string ClaimedBy, DateTimeOffset ClaimedAt, DateTimeOffset ClaimedUntil) : IncidentEvent(IncidentId);

/// <summary>A claim without an outcome yet, as the incident remembers it.</summary>
public sealed record DeliveryClaim(string ClaimedBy, DateTimeOffset ClaimedAt, DateTimeOffset Until)
{
    public bool HeldAt(DateTimeOffset now) => now < Until;
}

internal static class ClaimingDeliveries
{
    public static IReadOnlyList<IncidentEvent> Decide(ClaimDelivery command, IncidentState state)
    {
        var incident = Refusals.RequireOpened(state, command.IncidentId);
        Refusals.Required(command.ClaimedBy, "claimant");
        Refusals.Invalid(command.Until <= command.Now, "a claim must last beyond now");
        var key = command.Delivery.Key;
        if (incident.Deliveries.Any(d => d.Delivery.Key == key && d.Outcome == NotificationOutcome.Sent))
            return [];
        // Someone else is sending it right now. The same claimant may claim again: its earlier attempt ended
        // without an outcome (a failed send the bus retries), and it knows it is not sending it any more.
        if (incident.Claims.TryGetValue(key, out var claim) && claim.HeldAt(command.Now) && claim.ClaimedBy != command.ClaimedBy)
            return [];
        return [new NotificationDispatching(command.IncidentId, command.Delivery, command.ClaimedBy, command.Now, command.Until)];
    }
}
