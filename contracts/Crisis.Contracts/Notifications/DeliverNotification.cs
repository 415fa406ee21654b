namespace Crisis.Contracts.Notifications;

/// <summary>
/// Deliver one planned notification through one of the recipient's contact endpoints. Sent (not published) by the
/// crisis cell's planner to its delivery queue, at least once: <see cref="IdempotencyKey"/> is what delivery dedups
/// on. The namespace is part of the wire contract (MassTransit routes by full type name): never move it.
/// </summary>
public sealed record DeliverNotification
{
    /// <summary>The delivery's key: the planner's key and the endpoint, so each channel is delivered (and deduped) alone.</summary>
    public required string IdempotencyKey { get; init; }
    /// <summary>The planner's key for the notification this delivery belongs to.</summary>
    public required string PlanKey { get; init; }
    public required string IncidentId { get; init; }
    public required string OrganisationId { get; init; }
    /// <summary>Page, Escalated or BuzzWorsened.</summary>
    public required string Kind { get; init; }
    public required int Level { get; init; }
    public required string Recipient { get; init; }
    /// <summary>The id of the recipient's contact endpoint in the organisation's on-call configuration.</summary>
    public required string Endpoint { get; init; }
    public required int Attempt { get; init; }
    public required DateTimeOffset PlannedAt { get; init; }
}
