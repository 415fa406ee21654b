namespace Crisis.CrisisCell.Desk.KeepingServiceLevels;

/// <summary>
/// How long someone may wait for the brand's answer: the organisation's first-answer target, shorter when the
/// conversation came from an open incident's cascade (the buzz is live, every minute of silence amplifies it).
/// </summary>
public static class FirstAnswerTarget
{
    public static TimeSpan For(Conversation conversation, int minutes, int incidentMinutes) =>
        TimeSpan.FromMinutes(conversation.Mentions.Any(m => m.IncidentId is not null) ? incidentMinutes : minutes);

    /// <summary>When the current wait breaches the target; null when nobody waits.</summary>
    public static DateTimeOffset? DueAt(Conversation conversation, int minutes, int incidentMinutes) =>
        conversation is { Status: ConversationStatus.Awaiting, WaitingSince: { } since } ? since + For(conversation, minutes, incidentMinutes) : null;
}

/// <summary>The clock asks whether the person has waited past the target. No actor: time is the one asking.</summary>
public sealed record CheckFirstAnswerTarget(string ConversationId, TimeSpan Target, DateTimeOffset Now) : ConversationCommand(ConversationId, Now);

/// <summary>
/// The wait that began at <paramref name="WaitingSince"/> passed its target. Once per wait: this is what keeps the
/// warning to one per conversation and breach. <paramref name="Owner"/> is whoever last claimed it, to be warned.
/// </summary>
public sealed record FirstAnswerTargetBreached(string ConversationId, DateTimeOffset WaitingSince, DateTimeOffset DueAt, string? Owner, DateTimeOffset BreachedAt)
    : ConversationEvent(ConversationId);

internal static class KeepingServiceLevels
{
    public static IReadOnlyList<ConversationEvent> Decide(CheckFirstAnswerTarget command, ConversationState state)
    {
        // Answered, handed over or closed meanwhile: a late timer is harmless.
        if (state is not Conversation { Status: ConversationStatus.Awaiting, WaitingSince: { } since } conversation) return [];
        var due = since + command.Target;
        if (due > command.Now || conversation.BreachedWaits.Contains(since)) return [];
        return [new FirstAnswerTargetBreached(command.ConversationId, since, due, conversation.LeaseHolder, command.Now)];
    }
}
