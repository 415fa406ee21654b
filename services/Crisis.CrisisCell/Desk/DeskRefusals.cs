using Crisis.ServiceDefaults.EventSourcing;

namespace Crisis.CrisisCell.Desk;

/// <summary>The checks every desk command shares, so that refusals read the same everywhere.</summary>
internal static class DeskRefusals
{
    public static Conversation RequireOpened(ConversationState state, string conversationId) => state switch
    {
        Conversation conversation => conversation,
        _ => throw new DomainRefusalException($"conversation '{conversationId}' does not exist"),
    };

    public static void Required(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new DomainRefusalException($"{field} is required", DomainRefusalKind.Invalid);
    }

    /// <summary>
    /// Answering, handing over and closing need the caller's live claim: that is what keeps two people from answering the
    /// same person. An expired claim must be renewed (someone else may have taken the conversation meanwhile).
    /// </summary>
    public static Conversation RequireClaimedBy(ConversationState state, string conversationId, string actor, DateTimeOffset now, string action)
    {
        var conversation = RequireOpened(state, conversationId);
        if (conversation.Status != ConversationStatus.Awaiting)
            throw new DomainRefusalException($"cannot {action}: conversation '{conversationId}' is {conversation.Status}, nothing waits for an answer");
        if (conversation.IsLeasedToSomeoneElse(actor, now))
            throw new DomainRefusalException($"cannot {action}: conversation '{conversationId}' is claimed by {conversation.LeaseHolder} until {conversation.LeaseUntil:O}");
        if (!conversation.IsLeasedTo(actor, now))
            throw new DomainRefusalException($"cannot {action}: claim conversation '{conversationId}' first (no claim, or the claim expired)");
        return conversation;
    }
}
