using Crisis.ServiceDefaults.EventSourcing;

namespace Crisis.CrisisCell.Desk.Answering;

/// <summary>
/// What the responder asks: publish this answer. Checked against the conversation before anything leaves (<see cref="Answering.Prepare"/>);
/// only the publisher's confirmation turns it into <see cref="AnswerSent"/>, its failure into <see cref="AnswerPublishFailed"/>.
/// </summary>
public sealed record SendAnswer(string ConversationId, string AnswerId, string Text, string Language, string? TemplateId, string By, DateTimeOffset Now)
    : ConversationCommand(ConversationId, Now);

/// <summary>The publisher confirmed the answer is out; <paramref name="PublicUrl"/> when the platform gave a link.</summary>
public sealed record RecordAnswerSent(
    string ConversationId, string AnswerId, string Text, string Language, string? TemplateId, string Publisher, Uri? PublicUrl, string? PublishedPostId,
    string By, DateTimeOffset Now) : ConversationCommand(ConversationId, Now);

public sealed record RecordAnswerPublishFailed(string ConversationId, string AnswerId, string Reason, string By, DateTimeOffset Now) : ConversationCommand(ConversationId, Now);

public sealed record AnswerSent(
    string ConversationId, string AnswerId, string Text, string Language, string? TemplateId, string Publisher, Uri? PublicUrl, string? PublishedPostId,
    string SentBy, DateTimeOffset SentAt) : ConversationEvent(ConversationId);

public sealed record AnswerPublishFailed(string ConversationId, string AnswerId, string Reason, string By, DateTimeOffset FailedAt) : ConversationEvent(ConversationId);

internal static class Answering
{
    public const int LongestAnswer = 5_000;

    /// <summary>The checks before publishing: a live claim of the caller, a non-empty answer of sane length, an id not used yet.</summary>
    public static Conversation Prepare(SendAnswer command, ConversationState state)
    {
        DeskRefusals.Required(command.Text, "text");
        DeskRefusals.Required(command.Language, "language");
        if (command.Text.Length > LongestAnswer)
            throw new DomainRefusalException($"text is {command.Text.Length} characters; an answer has at most {LongestAnswer}", DomainRefusalKind.Invalid);
        var conversation = DeskRefusals.RequireClaimedBy(state, command.ConversationId, command.By, command.Now, "answer");
        if (conversation.Answers.Any(a => a.AnswerId == command.AnswerId))
            throw new DomainRefusalException($"answer '{command.AnswerId}' was already sent");
        return conversation;
    }

    /// <summary>
    /// A confirmed publication is a fact: it is recorded even if the claim ran out while the publisher worked. The answer id
    /// makes a repeated record (a retried request) a no-op.
    /// </summary>
    public static IReadOnlyList<ConversationEvent> Decide(RecordAnswerSent command, ConversationState state)
    {
        var conversation = DeskRefusals.RequireOpened(state, command.ConversationId);
        if (conversation.Answers.Any(a => a.AnswerId == command.AnswerId)) return [];
        return [new AnswerSent(command.ConversationId, command.AnswerId, command.Text, command.Language, command.TemplateId, command.Publisher,
            command.PublicUrl, command.PublishedPostId, command.By, command.Now)];
    }

    public static IReadOnlyList<ConversationEvent> Decide(RecordAnswerPublishFailed command, ConversationState state)
    {
        var conversation = DeskRefusals.RequireOpened(state, command.ConversationId);
        return conversation.Answers.Any(a => a.AnswerId == command.AnswerId)
            ? []
            : [new AnswerPublishFailed(command.ConversationId, command.AnswerId, command.Reason, command.By, command.Now)];
    }
}
