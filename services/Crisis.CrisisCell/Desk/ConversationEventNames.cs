using Crisis.CrisisCell.Desk.Answering;
using Crisis.CrisisCell.Desk.Claiming;
using Crisis.CrisisCell.Desk.Closing;
using Crisis.CrisisCell.Desk.HandingOver;
using Crisis.CrisisCell.Desk.Intake;
using Crisis.CrisisCell.Desk.KeepingServiceLevels;

namespace Crisis.CrisisCell.Desk;

/// <summary>The stored name of every conversation event: stable, so that moving a CLR type never orphans stored events.</summary>
public static class ConversationEventNames
{
    public static readonly IReadOnlyDictionary<Type, string> ByType = new Dictionary<Type, string>
    {
        [typeof(ConversationOpened)] = "desk_conversation_opened",
        [typeof(MentionJoinedConversation)] = "desk_mention_joined_conversation",
        [typeof(ConversationClaimed)] = "desk_conversation_claimed",
        [typeof(ConversationReleased)] = "desk_conversation_released",
        [typeof(AnswerSent)] = "desk_answer_sent",
        [typeof(AnswerPublishFailed)] = "desk_answer_publish_failed",
        [typeof(ConversationHandedOver)] = "desk_conversation_handed_over",
        [typeof(HandoverFailed)] = "desk_handover_failed",
        [typeof(HandoverOutcomeReported)] = "desk_handover_outcome_reported",
        [typeof(NoAnswerNeededMarked)] = "desk_no_answer_needed_marked",
        [typeof(FirstAnswerTargetBreached)] = "desk_first_answer_target_breached",
    };

    public static string Of(ConversationEvent e) =>
        ByType.TryGetValue(e.GetType(), out var name) ? name : throw new InvalidOperationException($"conversation event {e.GetType().Name} has no stored name");
}
