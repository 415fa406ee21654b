using Crisis.ServiceDefaults.EventSourcing;

namespace Crisis.CrisisCell.Desk.HandingOver;

/// <summary>Pass the person to customer service with what the brand promised them; checked before the case leaves.</summary>
public sealed record HandOver(string ConversationId, string HandoverId, string Promised, string By, DateTimeOffset Now) : ConversationCommand(ConversationId, Now);

public sealed record RecordHandover(string ConversationId, string HandoverId, string Promised, string? CaseReference, string By, DateTimeOffset Now)
    : ConversationCommand(ConversationId, Now);

public sealed record RecordHandoverFailed(string ConversationId, string HandoverId, string Reason, string By, DateTimeOffset Now) : ConversationCommand(ConversationId, Now);

/// <summary>Customer service says how the case ended (the callback).</summary>
public sealed record ReportHandoverOutcome(string ConversationId, string HandoverId, HandoverOutcome Outcome, string? Note, string By, DateTimeOffset Now)
    : ConversationCommand(ConversationId, Now);

public sealed record ConversationHandedOver(string ConversationId, string HandoverId, string Promised, string? CaseReference, string By, DateTimeOffset HandedOverAt)
    : ConversationEvent(ConversationId);

public sealed record HandoverFailed(string ConversationId, string HandoverId, string Reason, string By, DateTimeOffset FailedAt) : ConversationEvent(ConversationId);

public sealed record HandoverOutcomeReported(string ConversationId, string HandoverId, HandoverOutcome Outcome, string? Note, string ReportedBy, DateTimeOffset ReportedAt)
    : ConversationEvent(ConversationId);

internal static class HandingOver
{
    public const int LongestPromise = 2_000;

    public static Conversation Prepare(HandOver command, ConversationState state)
    {
        DeskRefusals.Required(command.Promised, "promised");
        if (command.Promised.Length > LongestPromise)
            throw new DomainRefusalException($"promised is {command.Promised.Length} characters; at most {LongestPromise}", DomainRefusalKind.Invalid);
        var conversation = DeskRefusals.RequireClaimedBy(state, command.ConversationId, command.By, command.Now, "hand over");
        return conversation.Handovers.Any(h => h.HandoverId == command.HandoverId)
            ? throw new DomainRefusalException($"handover '{command.HandoverId}' was already sent")
            : conversation;
    }

    public static IReadOnlyList<ConversationEvent> Decide(RecordHandover command, ConversationState state)
    {
        var conversation = DeskRefusals.RequireOpened(state, command.ConversationId);
        return conversation.Handovers.Any(h => h.HandoverId == command.HandoverId)
            ? []
            : [new ConversationHandedOver(command.ConversationId, command.HandoverId, command.Promised, command.CaseReference, command.By, command.Now)];
    }

    public static IReadOnlyList<ConversationEvent> Decide(RecordHandoverFailed command, ConversationState state)
    {
        var conversation = DeskRefusals.RequireOpened(state, command.ConversationId);
        return conversation.Handovers.Any(h => h.HandoverId == command.HandoverId)
            ? []
            : [new HandoverFailed(command.ConversationId, command.HandoverId, command.Reason, command.By, command.Now)];
    }

    public static IReadOnlyList<ConversationEvent> Decide(ReportHandoverOutcome command, ConversationState state)
    {
        var conversation = DeskRefusals.RequireOpened(state, command.ConversationId);
        var handover = conversation.Handovers.FirstOrDefault(h => h.HandoverId == command.HandoverId)
            ?? throw new DomainRefusalException($"conversation '{command.ConversationId}' has no handover '{command.HandoverId}'", DomainRefusalKind.Invalid);
        if (handover.Outcome == command.Outcome) return [];
        if (handover.Outcome is { } earlier)
            throw new DomainRefusalException($"handover '{command.HandoverId}' was already reported {earlier}");
        return [new HandoverOutcomeReported(command.ConversationId, command.HandoverId, command.Outcome, command.Note, command.By, command.Now)];
    }
}
