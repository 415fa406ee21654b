namespace Crisis.Contracts.Mentions;

/// <summary>
/// Dead letter for a <see cref="MentionObserved"/> that failed validation: the original message and every
/// reason, so that the connector's owner can fix and resend it. Sent to the <c>crisis-mentions-rejected</c> queue.
/// </summary>
public sealed record MentionRejected
{
    public required MentionObserved Mention { get; init; }
    public required IReadOnlyList<RejectionReason> Reasons { get; init; }
    public required DateTimeOffset RejectedAt { get; init; }
}

/// <param name="Field">The JSON path of the offending field (for example <c>author.followers</c>), or <c>$</c> for the whole item.</param>
public sealed record RejectionReason(string Field, string Reason);
