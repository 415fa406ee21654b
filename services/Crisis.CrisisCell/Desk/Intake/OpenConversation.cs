namespace Crisis.CrisisCell.Desk.Intake;

/// <summary>A post that needs an answer and belongs to no conversation yet starts one.</summary>
public sealed record OpenConversation(
    string ConversationId, string OrganisationId, string BrandId, string Platform, ConversationMention Mention, bool AuthorAlreadyAnswered, DateTimeOffset Now)
    : ConversationCommand(ConversationId, Now);

/// <summary>A post joins the thread it replies to (or that the desk keeps for its author).</summary>
public sealed record AddMention(string ConversationId, ConversationMention Mention, DateTimeOffset Now) : ConversationCommand(ConversationId, Now);

public sealed record ConversationOpened(
    string ConversationId, string OrganisationId, string BrandId, string Platform, string RootPostId, string AuthorPseudonym,
    bool AuthorAlreadyAnswered, DateTimeOffset OpenedAt) : ConversationEvent(ConversationId);

public sealed record MentionJoinedConversation(string ConversationId, ConversationMention Mention, DateTimeOffset JoinedAt) : ConversationEvent(ConversationId);

internal static class Opening
{
    public static IReadOnlyList<ConversationEvent> Decide(OpenConversation command, ConversationState state)
    {
        DeskRefusals.Required(command.OrganisationId, "organisation");
        DeskRefusals.Required(command.BrandId, "brand");
        DeskRefusals.Required(command.Mention.PostId, "post id");
        // Opening twice (a replayed intake page) is a no-op; the post joins like any other.
        if (state is Conversation existing) return AddingMentions.Decide(new AddMention(command.ConversationId, command.Mention, command.Now), existing);
        return
        [
            new ConversationOpened(command.ConversationId, command.OrganisationId, command.BrandId, command.Platform, command.Mention.PostId,
                command.Mention.AuthorPseudonym, command.AuthorAlreadyAnswered, command.Now),
            new MentionJoinedConversation(command.ConversationId, command.Mention, command.Now),
        ];
    }
}

internal static class AddingMentions
{
    public static IReadOnlyList<ConversationEvent> Decide(AddMention command, ConversationState state)
    {
        var conversation = DeskRefusals.RequireOpened(state, command.ConversationId);
        return conversation.Holds(command.Mention.PostId) ? [] : [new MentionJoinedConversation(command.ConversationId, command.Mention, command.Now)];
    }
}
