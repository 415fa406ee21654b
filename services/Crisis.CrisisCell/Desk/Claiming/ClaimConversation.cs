using Crisis.ServiceDefaults.EventSourcing;

namespace Crisis.CrisisCell.Desk.Claiming;

/// <summary>Take the conversation for <paramref name="Lease"/>: nobody else may answer it meanwhile. Claiming again renews.</summary>
public sealed record ClaimConversation(string ConversationId, string By, TimeSpan Lease, DateTimeOffset Now) : ConversationCommand(ConversationId, Now);

public sealed record ReleaseConversation(string ConversationId, string By, DateTimeOffset Now) : ConversationCommand(ConversationId, Now);

public sealed record ConversationClaimed(string ConversationId, string ClaimedBy, DateTimeOffset ClaimedAt, DateTimeOffset LeaseUntil) : ConversationEvent(ConversationId);

public sealed record ConversationReleased(string ConversationId, string ReleasedBy, DateTimeOffset ReleasedAt) : ConversationEvent(ConversationId);

internal static class Claiming
{
    public static readonly TimeSpan LongestLease = TimeSpan.FromHours(2);

    public static IReadOnlyList<ConversationEvent> Decide(ClaimConversation command, ConversationState state)
    {
        DeskRefusals.Required(command.By, "actor");
        if (command.Lease <= TimeSpan.Zero || command.Lease > LongestLease)
            throw new DomainRefusalException($"a claim lasts from 1 second to {LongestLease.TotalMinutes} minutes", DomainRefusalKind.Invalid);
        var conversation = DeskRefusals.RequireOpened(state, command.ConversationId);
        if (conversation.Status != ConversationStatus.Awaiting)
            throw new DomainRefusalException($"cannot claim conversation '{command.ConversationId}': it is {conversation.Status}, nothing waits for an answer");
        // A live claim of someone else stands: this is the lease that keeps two people from answering one person.
        if (conversation.IsLeasedToSomeoneElse(command.By, command.Now))
            throw new DomainRefusalException($"conversation '{command.ConversationId}' is claimed by {conversation.LeaseHolder} until {conversation.LeaseUntil:O}");
        return [new ConversationClaimed(command.ConversationId, command.By, command.Now, command.Now + command.Lease)];
    }

    public static IReadOnlyList<ConversationEvent> Decide(ReleaseConversation command, ConversationState state)
    {
        var conversation = DeskRefusals.RequireOpened(state, command.ConversationId);
        if (conversation.LeaseHolder is null || conversation.LeaseUntil <= command.Now) return [];
        // Only the holder lets go early; anyone else waits for the lease to run out.
        if (conversation.LeaseHolder != command.By)
            throw new DomainRefusalException($"conversation '{command.ConversationId}' is claimed by {conversation.LeaseHolder}: only they can release it");
        return [new ConversationReleased(command.ConversationId, command.By, command.Now)];
    }
}
