using Crisis.CrisisCell.Desk;
using Crisis.CrisisCell.Desk.Answering;
using Crisis.CrisisCell.Desk.Claiming;
using Crisis.CrisisCell.Desk.Closing;
using Crisis.CrisisCell.Desk.HandingOver;
using Crisis.CrisisCell.Desk.Intake;
using Crisis.ServiceDefaults.EventSourcing;
using static Crisis.CrisisCell.Tests.Desk.DeskScenario;

namespace Crisis.CrisisCell.Tests.Desk;

public class When_a_responder_claims_a_conversation
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    [Test]
    public void The_claim_holds_for_the_lease() =>
        Given(Opened()).When(new ClaimConversation(Id, "alice", Lease, Now)).Then(new ConversationClaimed(Id, "alice", Now, Now + Lease));

    [Test]
    public void Someone_elses_live_claim_is_not_stolen() =>
        Given(ClaimedBy("alice", Now.AddMinutes(5))).When(new ClaimConversation(Id, "bob", Lease, Now)).ThenRefused(DomainRefusalKind.Conflict, "claimed by alice");

    [Test]
    public void A_lapsed_claim_can_be_taken_by_someone_else() =>
        Given(ClaimedBy("alice", Now.AddSeconds(-1))).When(new ClaimConversation(Id, "bob", Lease, Now)).Then(new ConversationClaimed(Id, "bob", Now, Now + Lease));

    [Test]
    public void The_holder_claiming_again_renews_the_lease() =>
        Assert.That(Given(ClaimedBy("alice", Now.AddMinutes(1))).When(new ClaimConversation(Id, "alice", Lease, Now)).StateAfter().LeaseUntil, Is.EqualTo(Now + Lease));

    [TestCase(0)]
    [TestCase(-5)]
    [TestCase(121)]
    public void A_lease_outside_one_second_to_two_hours_is_refused_as_invalid(int minutes) =>
        Given(Opened()).When(new ClaimConversation(Id, "alice", TimeSpan.FromMinutes(minutes), Now)).ThenRefused(DomainRefusalKind.Invalid, "a claim lasts");

    [Test]
    public void An_answered_conversation_cannot_be_claimed() =>
        Given([.. Answered()]).When(new ClaimConversation(Id, "bob", Lease, Now.AddMinutes(1))).ThenRefused(DomainRefusalKind.Conflict, "Answered");

    [Test]
    public void Only_the_holder_can_release_a_live_claim() =>
        Given(ClaimedBy("alice", Now.AddMinutes(5))).When(new ReleaseConversation(Id, "bob", Now)).ThenRefused(DomainRefusalKind.Conflict, "only they can release");

    [Test]
    public void The_holder_releases_and_the_conversation_is_free()
    {
        var state = Given(ClaimedBy("alice", Now.AddMinutes(5))).When(new ReleaseConversation(Id, "alice", Now)).StateAfter();

        Assert.That(state.LeaseHolder, Is.Null);
    }

    [Test]
    public void Releasing_a_lapsed_claim_records_nothing() =>
        Given(ClaimedBy("alice", Now.AddMinutes(-1))).When(new ReleaseConversation(Id, "bob", Now)).ThenNothing();

    internal static ConversationEvent[] Answered() =>
    [
        .. ClaimedBy("alice", Now.AddMinutes(10)),
        new AnswerSent(Id, "a1", "نحن نستمع إليكم", "ar", null, "webhook", new Uri("https://x.com/acme/status/9"), "9", "alice", Now),
    ];
}

public class When_a_responder_answers
{
    private static SendAnswer Answer(string by = "alice", DateTimeOffset? at = null, string text = "Nous sommes désolés, écrivez-nous en privé.") =>
        new(Id, "a1", text, "fr", "apologise-fr", by, at ?? Now.AddMinutes(1));

    private static RecordAnswerSent Sent(DateTimeOffset at) =>
        new(Id, "a1", "Nous sommes désolés.", "fr", "apologise-fr", "webhook", new Uri("https://x.com/acme/status/9"), "9", "alice", at);

    [Test]
    public void The_answer_may_leave_when_the_responder_holds_the_claim() =>
        Assert.That(Answering.Prepare(Answer(), Given(ClaimedBy("alice", Now.AddMinutes(10))).State).ConversationId, Is.EqualTo(Id));

    [Test]
    public void Nobody_answers_without_claiming_first() =>
        AssertRefused(() => Answering.Prepare(Answer(), Given(Opened()).State), DomainRefusalKind.Conflict, "claim conversation");

    [Test]
    public void Nobody_answers_a_conversation_someone_else_holds() =>
        AssertRefused(() => Answering.Prepare(Answer("bob"), Given(ClaimedBy("alice", Now.AddMinutes(10))).State), DomainRefusalKind.Conflict, "claimed by alice");

    [Test]
    public void A_lapsed_claim_must_be_renewed_before_answering() =>
        AssertRefused(() => Answering.Prepare(Answer(at: Now.AddMinutes(11)), Given(ClaimedBy("alice", Now.AddMinutes(10))).State),
            DomainRefusalKind.Conflict, "expired");

    [Test]
    public void An_answer_longer_than_five_thousand_characters_is_refused_as_invalid() =>
        AssertRefused(() => Answering.Prepare(Answer(text: new string('x', 5_001)), Given(ClaimedBy("alice", Now.AddMinutes(10))).State),
            DomainRefusalKind.Invalid, "at most 5000");

    [Test]
    public void A_sent_answer_is_recorded_with_its_link_and_ends_the_wait_and_the_claim()
    {
        var state = Given(ClaimedBy("alice", Now.AddMinutes(10))).When(Sent(Now.AddMinutes(2))).StateAfter();

        Assert.Multiple(() =>
        {
            Assert.That(state.Status, Is.EqualTo(ConversationStatus.Answered));
            Assert.That(state.WaitingSince, Is.Null);
            Assert.That(state.LeaseHolder, Is.Null);
            Assert.That(state.FirstAnsweredAt, Is.EqualTo(Now.AddMinutes(2)));
            Assert.That(state.Answers.Single().PublicUrl, Is.EqualTo(new Uri("https://x.com/acme/status/9")));
        });
    }

    [Test]
    public void A_confirmed_answer_is_recorded_even_if_the_claim_ran_out_while_it_was_published() =>
        Assert.That(Given(ClaimedBy("alice", Now.AddMinutes(1))).When(Sent(Now.AddMinutes(3))).Decided().Single(), Is.TypeOf<AnswerSent>());

    [Test]
    public void The_same_answer_recorded_twice_is_recorded_once()
    {
        var first = Given(ClaimedBy("alice", Now.AddMinutes(10))).When(Sent(Now)).Decided();

        Given([.. ClaimedBy("alice", Now.AddMinutes(10)), .. first]).When(Sent(Now.AddMinutes(1))).ThenNothing();
    }

    [Test]
    public void A_failed_publication_leaves_the_conversation_waiting_and_claimed()
    {
        var state = Given(ClaimedBy("alice", Now.AddMinutes(10))).When(new RecordAnswerPublishFailed(Id, "a1", "the receiver answered 503", "alice", Now)).StateAfter();

        Assert.Multiple(() =>
        {
            Assert.That(state.Status, Is.EqualTo(ConversationStatus.Awaiting));
            Assert.That(state.LeaseHolder, Is.EqualTo("alice"));
            Assert.That(state.FailedAnswerIds, Is.EqualTo(new[] { "a1" }));
        });
    }

    [Test]
    public void The_person_writing_again_puts_the_conversation_back_in_the_queue()
    {
        var state = Given(When_a_responder_claims_a_conversation.Answered()).When(new AddMention(Id, Post("p7", Now.AddHours(1), replyTo: "9"), Now.AddHours(1))).StateAfter();

        Assert.Multiple(() =>
        {
            Assert.That(state.Status, Is.EqualTo(ConversationStatus.Awaiting));
            Assert.That(state.WaitingSince, Is.EqualTo(Now.AddHours(1)));
        });
    }
}

public class When_a_responder_hands_over_to_customer_service
{
    private static readonly ConversationEvent[] HandedOver =
    [
        .. ClaimedBy("alice", Now.AddMinutes(10)),
        new ConversationHandedOver(Id, "h1", "A refund within 48 hours", "CS-42", "alice", Now),
    ];

    [Test]
    public void The_case_may_leave_with_what_was_promised() =>
        Assert.That(HandingOver.Prepare(new HandOver(Id, "h1", "A refund within 48 hours", "alice", Now), Given(ClaimedBy("alice", Now.AddMinutes(10))).State), Is.Not.Null);

    [Test]
    public void A_handover_without_a_promise_is_refused_as_invalid() =>
        AssertRefused(() => HandingOver.Prepare(new HandOver(Id, "h1", " ", "alice", Now), Given(ClaimedBy("alice", Now.AddMinutes(10))).State),
            DomainRefusalKind.Invalid, "promised");

    [Test]
    public void The_handover_takes_the_conversation_out_of_the_queue()
    {
        var state = Given(ClaimedBy("alice", Now.AddMinutes(10))).When(new RecordHandover(Id, "h1", "A refund", "CS-42", "alice", Now)).StateAfter();

        Assert.Multiple(() =>
        {
            Assert.That(state.Status, Is.EqualTo(ConversationStatus.HandedOver));
            Assert.That(state.Handovers.Single().CaseReference, Is.EqualTo("CS-42"));
        });
    }

    [Test]
    public void The_outcome_customer_service_reports_is_recorded() =>
        Given(HandedOver).When(new ReportHandoverOutcome(Id, "h1", HandoverOutcome.Resolved, "refunded", "cs-bot", Now.AddHours(3)))
            .Then(new HandoverOutcomeReported(Id, "h1", HandoverOutcome.Resolved, "refunded", "cs-bot", Now.AddHours(3)));

    [Test]
    public void The_same_outcome_reported_twice_is_recorded_once()
    {
        var first = Given(HandedOver).When(new ReportHandoverOutcome(Id, "h1", HandoverOutcome.Resolved, null, "cs-bot", Now)).Decided();

        Given([.. HandedOver, .. first]).When(new ReportHandoverOutcome(Id, "h1", HandoverOutcome.Resolved, null, "cs-bot", Now)).ThenNothing();
    }

    [Test]
    public void A_different_outcome_after_the_first_is_refused()
    {
        var first = Given(HandedOver).When(new ReportHandoverOutcome(Id, "h1", HandoverOutcome.Resolved, null, "cs-bot", Now)).Decided();

        Given([.. HandedOver, .. first]).When(new ReportHandoverOutcome(Id, "h1", HandoverOutcome.Unresolved, null, "cs-bot", Now))
            .ThenRefused(DomainRefusalKind.Conflict, "already reported Resolved");
    }

    [Test]
    public void An_outcome_for_a_handover_never_made_is_refused_as_invalid() =>
        Given(HandedOver).When(new ReportHandoverOutcome(Id, "h9", HandoverOutcome.Resolved, null, "cs-bot", Now)).ThenRefused(DomainRefusalKind.Invalid, "no handover 'h9'");
}

public class When_a_responder_decides_no_answer_is_needed
{
    [Test]
    public void The_reason_is_kept_and_the_conversation_leaves_the_queue()
    {
        var state = Given(ClaimedBy("alice", Now.AddMinutes(10))).When(new MarkNoAnswerNeeded(Id, "spam account", "alice", Now)).StateAfter();

        Assert.Multiple(() =>
        {
            Assert.That(state.Status, Is.EqualTo(ConversationStatus.NoAnswerNeeded));
            Assert.That(state.NoAnswerReason, Is.EqualTo("spam account"));
            Assert.That(state.LeaseHolder, Is.Null);
        });
    }

    [Test]
    public void It_needs_a_reason() =>
        Given(ClaimedBy("alice", Now.AddMinutes(10))).When(new MarkNoAnswerNeeded(Id, "", "alice", Now)).ThenRefused(DomainRefusalKind.Invalid, "reason");

    [Test]
    public void It_needs_the_callers_claim() =>
        Given(ClaimedBy("alice", Now.AddMinutes(10))).When(new MarkNoAnswerNeeded(Id, "spam", "bob", Now)).ThenRefused(DomainRefusalKind.Conflict, "claimed by alice");
}
