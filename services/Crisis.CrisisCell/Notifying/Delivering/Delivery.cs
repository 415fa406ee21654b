using Crisis.ServiceDefaults.EventSourcing;

namespace Crisis.CrisisCell.Notifying.Delivering;

/// <summary>
/// One delivery of a planned notification through one endpoint (incident, kind, level, recipient, occurrence and
/// endpoint: <see cref="NotificationDelivery.Key"/>) is a process of its own, with a stream of its own. Starting the
/// stream is the claim: the store lets one start win, so two copies of a delivery never both reach the channel, and
/// nobody waits on a lease. Senders write here only; what the crisis cell must see is projected onto the incident
/// (<see cref="Planning.DeliveryFacts"/>).
/// </summary>
public static class DeliveryStreams
{
    public static string KeyFor(string deliveryKey) => $"delivery/{deliveryKey}";
}

public abstract record DeliveryEvent(string DeliveryKey);

/// <summary>The delivery was claimed by the bus message <paramref name="MessageId"/>: it alone may hand it to the channel.</summary>
public sealed record DeliveryStarted(string DeliveryKey, string IncidentId, NotificationDelivery Delivery, string MessageId, DateTimeOffset StartedAt)
    : DeliveryEvent(DeliveryKey);

/// <summary>
/// The claiming message came back without an outcome (its consumer died, or the bus retries it), or a failed delivery
/// is tried again (a dead letter replayed): this message sends it now.
/// </summary>
public sealed record DeliveryResumed(string DeliveryKey, string MessageId, DateTimeOffset ResumedAt) : DeliveryEvent(DeliveryKey);

/// <summary>The channel accepted the notification.</summary>
public sealed record DeliverySent(string DeliveryKey, DateTimeOffset SentAt) : DeliveryEvent(DeliveryKey);

/// <summary>The bus gave up on the claiming message (retries spent, or a refusal): its reason.</summary>
public sealed record DeliveryFailed(string DeliveryKey, string Reason, DateTimeOffset FailedAt) : DeliveryEvent(DeliveryKey);

/// <summary>Another copy of the delivery arrived (a planner sent it twice, a redelivery) and was dropped: recorded once.</summary>
public sealed record DeliveryCopyRefused(string DeliveryKey, string MessageId, DateTimeOffset RefusedAt) : DeliveryEvent(DeliveryKey);

public abstract record DeliveryCommand(string DeliveryKey, DateTimeOffset Now);

/// <summary>Deliver it, as the bus message <paramref name="MessageId"/> (a copy has another id; a redelivery the same).</summary>
public sealed record StartDelivery(string IncidentId, NotificationDelivery Delivery, string MessageId, DateTimeOffset Now)
    : DeliveryCommand(Delivery.Key, Now);

public sealed record RecordDeliverySent(string DeliveryKey, string MessageId, DateTimeOffset Now) : DeliveryCommand(DeliveryKey, Now);

public sealed record RecordDeliveryFailed(string DeliveryKey, string MessageId, string Reason, DateTimeOffset Now) : DeliveryCommand(DeliveryKey, Now);

public enum DeliveryStatus
{
    Sending,
    Sent,
    Failed,
}

public abstract record DeliveryState
{
    public sealed record NotStarted : DeliveryState;

    /// <param name="HeldBy">The message that may send it now: the one that started it, or last resumed it.</param>
    public sealed record Started(string IncidentId, NotificationDelivery Delivery, string HeldBy, DeliveryStatus Status, bool CopyRefused) : DeliveryState;
}

public static class DeliveryDecider
{
    public static readonly Decider<DeliveryState, DeliveryCommand, DeliveryEvent> Instance = new(Decide, Evolve, new DeliveryState.NotStarted());

    public static IReadOnlyList<DeliveryEvent> Decide(DeliveryCommand command, DeliveryState state) => (command, state) switch
    {
        (StartDelivery c, DeliveryState.NotStarted) =>
            [new DeliveryStarted(c.DeliveryKey, c.IncidentId, c.Delivery, c.MessageId, c.Now)],
        // Its own message again: RabbitMQ hands a message to one consumer at a time, so the earlier holder is gone
        // (or this is the bus retrying it here). A failed delivery may be tried again by whoever brings it back.
        (StartDelivery c, DeliveryState.Started s) when (s.Status == DeliveryStatus.Sending && s.HeldBy == c.MessageId) || s.Status == DeliveryStatus.Failed =>
            [new DeliveryResumed(c.DeliveryKey, c.MessageId, c.Now)],
        (StartDelivery c, DeliveryState.Started { CopyRefused: false }) => [new DeliveryCopyRefused(c.DeliveryKey, c.MessageId, c.Now)],
        (StartDelivery, DeliveryState.Started) => [],
        (RecordDeliverySent c, DeliveryState.Started s) => s.Status == DeliveryStatus.Sent ? [] : [new DeliverySent(c.DeliveryKey, c.Now)],
        // Only the holder's failure says anything about the delivery: a copy's fault, or a failure after the send, does not.
        (RecordDeliveryFailed c, DeliveryState.Started s) when s.Status == DeliveryStatus.Sending && s.HeldBy == c.MessageId =>
            [new DeliveryFailed(c.DeliveryKey, c.Reason, c.Now)],
        (RecordDeliveryFailed, _) => [],
        (RecordDeliverySent c, DeliveryState.NotStarted) => throw new DomainRefusalException($"delivery '{c.DeliveryKey}' was never started"),
        _ => throw new InvalidOperationException($"unknown delivery command {command.GetType().Name}"),
    };

    public static DeliveryState Evolve(DeliveryState state, DeliveryEvent @event) => (state, @event) switch
    {
        (_, DeliveryStarted e) => new DeliveryState.Started(e.IncidentId, e.Delivery, e.MessageId, DeliveryStatus.Sending, CopyRefused: false),
        (DeliveryState.Started s, DeliveryResumed e) => s with { HeldBy = e.MessageId, Status = DeliveryStatus.Sending },
        (DeliveryState.Started s, DeliverySent) => s with { Status = DeliveryStatus.Sent },
        (DeliveryState.Started s, DeliveryFailed) => s with { Status = DeliveryStatus.Failed },
        (DeliveryState.Started s, DeliveryCopyRefused) => s with { CopyRefused = true },
        _ => throw new InvalidOperationException($"{@event.GetType().Name} on delivery '{@event.DeliveryKey}' before it started"),
    };

    /// <summary>Whether what was decided lets this message call the channel.</summary>
    public static bool MaySend(IReadOnlyList<DeliveryEvent> decided) => decided.Any(e => e is DeliveryStarted or DeliveryResumed);
}

/// <summary>Stored names of delivery events: stable, whatever the CLR types are called.</summary>
public static class DeliveryEventNames
{
    public static readonly IReadOnlyDictionary<Type, string> ByType = new Dictionary<Type, string>
    {
        [typeof(DeliveryStarted)] = "delivery_started",
        [typeof(DeliveryResumed)] = "delivery_resumed",
        [typeof(DeliverySent)] = "delivery_sent",
        [typeof(DeliveryFailed)] = "delivery_failed",
        [typeof(DeliveryCopyRefused)] = "delivery_copy_refused",
    };
}
