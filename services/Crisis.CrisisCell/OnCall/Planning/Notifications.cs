using System.Globalization;

namespace Crisis.CrisisCell.OnCall.Planning;

public enum NotificationKind
{
    /// <summary>The incident is unacknowledged: the escalation chain pages level after level.</summary>
    Page,
    /// <summary>An owned incident was raised to a higher level (by a person or a missed stage deadline).</summary>
    Escalated,
    /// <summary>The buzz escalated again after the incident was owned; escalations arriving together make one.</summary>
    BuzzWorsened,
    /// <summary>Desk conversations waited past the first-answer target (docs/response-desk.md); not planned by the paging planner.</summary>
    ServiceLevelBreach,
}

/// <summary>A notification to send now. Delivery dedups on <see cref="IdempotencyKey"/>.</summary>
public sealed record DueNotification(
    string IncidentId, NotificationKind Kind, int Level, string Recipient, int Attempt, string IdempotencyKey);

/// <summary>A notification already handed to delivery: the planner's memory, kept by the caller.</summary>
public sealed record SentNotification(NotificationKind Kind, int Level, string Recipient, DateTimeOffset SentAt);

public static class NotificationKeys
{
    /// <summary>
    /// One key per (incident, kind, level, recipient). A deliberate re-notification (attempt 2, 3, ...) gets a
    /// suffix, so delivery dedups a retried send but not a planned repeat.
    /// </summary>
    public static string For(string incidentId, NotificationKind kind, int level, string recipient, int attempt) =>
        attempt <= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{incidentId}:{kind}:L{level}:{recipient}")
            : string.Create(CultureInfo.InvariantCulture, $"{incidentId}:{kind}:L{level}:{recipient}:{attempt}");
}
