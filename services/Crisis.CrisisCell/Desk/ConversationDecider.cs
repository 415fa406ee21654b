using Crisis.CrisisCell.Desk.Answering;
using Crisis.CrisisCell.Desk.Claiming;
using Crisis.CrisisCell.Desk.Closing;
using Crisis.CrisisCell.Desk.HandingOver;
using Crisis.CrisisCell.Desk.Intake;
using Crisis.CrisisCell.Desk.KeepingServiceLevels;
using System.Collections.Immutable;
using Crisis.ServiceDefaults.EventSourcing;

namespace Crisis.CrisisCell.Desk;

/// <summary>
/// The conversation write model. Decide dispatches to the use case that owns the command (one gerund folder each); Evolve
/// is kept in one place so that the life of a conversation reads top to bottom.
/// </summary>
public static class ConversationDecider
{
    public static readonly Decider<ConversationState, ConversationCommand, ConversationEvent> Instance = new(Decide, Evolve, new ConversationState.NotOpened());

    public static IReadOnlyList<ConversationEvent> Decide(ConversationCommand command, ConversationState state) => command switch
    {
        OpenConversation c => Opening.Decide(c, state),
        AddMention c => AddingMentions.Decide(c, state),
        ClaimConversation c => Claiming.Claiming.Decide(c, state),
        ReleaseConversation c => Claiming.Claiming.Decide(c, state),
        RecordAnswerSent c => Answering.Answering.Decide(c, state),
        RecordAnswerPublishFailed c => Answering.Answering.Decide(c, state),
        RecordHandover c => HandingOver.HandingOver.Decide(c, state),
        RecordHandoverFailed c => HandingOver.HandingOver.Decide(c, state),
        ReportHandoverOutcome c => HandingOver.HandingOver.Decide(c, state),
        MarkNoAnswerNeeded c => Closing.Closing.Decide(c, state),
        CheckFirstAnswerTarget c => KeepingServiceLevels.KeepingServiceLevels.Decide(c, state),
        _ => throw new InvalidOperationException($"unknown conversation command {command.GetType().Name}"),
    };

    public static ConversationState Evolve(ConversationState state, ConversationEvent @event)
    {
        if (@event is ConversationOpened opened)
        {
            return new Conversation(opened.ConversationId, opened.OrganisationId, opened.BrandId, opened.Platform, opened.RootPostId,
                opened.AuthorPseudonym, opened.OpenedAt) { AuthorAlreadyAnswered = opened.AuthorAlreadyAnswered };
        }
        if (state is not Conversation conversation)
            throw new InvalidOperationException($"{@event.GetType().Name} on conversation '{@event.ConversationId}' before it opened");

        return @event switch
        {
            // A new post puts the conversation back in the queue, whatever happened to it before: the person is talking again.
            MentionJoinedConversation e => conversation with
            {
                Mentions = conversation.Mentions.Add(e.Mention),
                Status = ConversationStatus.Awaiting,
                WaitingSince = Earliest(conversation.Status == ConversationStatus.Awaiting ? conversation.WaitingSince : null, e.Mention.PublishedAt),
                NoAnswerReason = null,
            },
            ConversationClaimed e => conversation with { LeaseHolder = e.ClaimedBy, LeaseUntil = e.LeaseUntil },
            ConversationReleased => Unleased(conversation),
            AnswerSent e => Unleased(conversation) with
            {
                Status = ConversationStatus.Answered,
                WaitingSince = null,
                Answers = conversation.Answers.Add(new SentAnswer(e.AnswerId, e.SentBy, e.Language, e.TemplateId, e.PublicUrl, e.SentAt)),
            },
            AnswerPublishFailed e => conversation with { FailedAnswerIds = conversation.FailedAnswerIds.Add(e.AnswerId) },
            ConversationHandedOver e => Unleased(conversation) with
            {
                Status = ConversationStatus.HandedOver,
                WaitingSince = null,
                Handovers = conversation.Handovers.Add(new Handover(e.HandoverId, e.By, e.Promised, e.CaseReference, e.HandedOverAt)),
            },
            // A failed handover changes nothing: the person still waits, and the claim stays with the responder to retry.
            HandoverFailed => conversation,
            HandoverOutcomeReported e => conversation with
            {
                Handovers = conversation.Handovers.Select(h => h.HandoverId == e.HandoverId ? h with { Outcome = e.Outcome, OutcomeAt = e.ReportedAt } : h).ToImmutableList(),
            },
            FirstAnswerTargetBreached e => conversation with { BreachedWaits = conversation.BreachedWaits.Add(e.WaitingSince) },
            NoAnswerNeededMarked e => Unleased(conversation) with { Status = ConversationStatus.NoAnswerNeeded, WaitingSince = null, NoAnswerReason = e.Reason },
            _ => throw new InvalidOperationException($"unknown conversation event {@event.GetType().Name}"),
        };
    }

    private static Conversation Unleased(Conversation conversation) => conversation with { LeaseHolder = null, LeaseUntil = null };

    private static DateTimeOffset Earliest(DateTimeOffset? current, DateTimeOffset candidate) =>
        current is { } c && c < candidate ? c : candidate;
}
