using Crisis.ServiceDefaults.EventSourcing;

namespace Crisis.CrisisCell.Desk.Closing;

/// <summary>Take the conversation out of the queue without answering (spam, a troll, already answered elsewhere): the reason is kept.</summary>
public sealed record MarkNoAnswerNeeded(string ConversationId, string Reason, string By, DateTimeOffset Now) : ConversationCommand(ConversationId, Now);

public sealed record NoAnswerNeededMarked(string ConversationId, string Reason, string By, DateTimeOffset MarkedAt) : ConversationEvent(ConversationId);

internal static class Closing
{
    public const int LongestReason = 500;

    public static IReadOnlyList<ConversationEvent> Decide(MarkNoAnswerNeeded command, ConversationState state)
    {
        DeskRefusals.Required(command.Reason, "reason");
        if (command.Reason.Length > LongestReason)
            throw new DomainRefusalException($"reason is {command.Reason.Length} characters; at most {LongestReason}", DomainRefusalKind.Invalid);
        if (state is Conversation { Status: ConversationStatus.NoAnswerNeeded } done && done.NoAnswerReason == command.Reason) return [];
        DeskRefusals.RequireClaimedBy(state, command.ConversationId, command.By, command.Now, "mark no answer needed");
        return [new NoAnswerNeededMarked(command.ConversationId, command.Reason, command.By, command.Now)];
    }
}
