using Crisis.CrisisCell.Desk;
using Crisis.CrisisCell.Desk.Intake;
using Crisis.ServiceDefaults.EventSourcing;
using static Crisis.CrisisCell.Tests.Desk.DeskScenario;

namespace Crisis.CrisisCell.Tests.Desk;

public class When_a_post_needs_an_answer
{
    private static readonly ConversationMention First = Post("p1", Now.AddMinutes(-10));

    [Test]
    public void A_conversation_opens_with_the_post_in_it() =>
        Given().When(new OpenConversation(Id, "org-1", "acme", "x", First, false, Now)).Then(
            new ConversationOpened(Id, "org-1", "acme", "x", "p1", "author-abc", false, Now),
            new MentionJoinedConversation(Id, First, Now));

    [Test]
    public void It_waits_since_the_post_was_published_not_since_it_arrived()
    {
        var state = Given().When(new OpenConversation(Id, "org-1", "acme", "x", First, false, Now)).StateAfter();

        Assert.Multiple(() =>
        {
            Assert.That(state.Status, Is.EqualTo(ConversationStatus.Awaiting));
            Assert.That(state.WaitingSince, Is.EqualTo(Now.AddMinutes(-10)));
        });
    }

    [Test]
    public void Opening_again_with_the_same_post_records_nothing() =>
        Given(Opened()).When(new OpenConversation(Id, "org-1", "acme", "x", Post("p1", Now.AddMinutes(-10)), false, Now)).ThenNothing();

    [Test]
    public void A_reply_joins_the_thread_and_keeps_the_oldest_waiting_time()
    {
        var state = Given(Opened()).When(new AddMention(Id, Post("p2", Now, replyTo: "p1"), Now)).StateAfter();

        Assert.Multiple(() =>
        {
            Assert.That(state.Mentions.Select(m => m.PostId), Is.EqualTo(new[] { "p1", "p2" }));
            Assert.That(state.WaitingSince, Is.EqualTo(Now.AddMinutes(-10)));
        });
    }

    [Test]
    public void A_post_added_to_a_conversation_that_never_opened_is_refused() =>
        Given().When(new AddMention(Id, First, Now)).ThenRefused(DomainRefusalKind.Conflict, "does not exist");

    [Test]
    public void A_post_without_an_id_is_refused_as_invalid() =>
        Given().When(new OpenConversation(Id, "org-1", "acme", "x", First with { PostId = "" }, false, Now))
            .ThenRefused(DomainRefusalKind.Invalid, "post id");
}

public class When_the_desk_reads_a_post
{
    [TestCase("Pourquoi ma commande n'arrive pas")]
    [TestCase("where is my refund")]
    [TestCase("واش كاين شي حل")]
    [TestCase("هل يمكنكم الرد؟")]
    [TestCase("3lach ma tjawbouch")]
    [TestCase("c'est quand la livraison ?")]
    public void A_question_in_any_of_its_languages_is_a_question(string text) =>
        Assert.That(AnswerNeeds.IsQuestion(text), Is.True);

    [TestCase("Merci pour la réponse rapide 👍")]
    [TestCase("whenever you like, great service")]
    [TestCase("")]
    [TestCase(null)]
    public void A_statement_is_not_a_question(string? text) => Assert.That(AnswerNeeds.IsQuestion(text), Is.False);

    [Test]
    public void A_neutral_post_of_a_small_account_outside_any_incident_needs_no_answer() =>
        Assert.That(AnswerNeeds.Reasons(new PostFacts(false, "nice", 50, false, false, false), 10_000), Is.Empty);

    [Test]
    public void Every_reason_that_applies_is_given()
    {
        var reasons = AnswerNeeds.Reasons(new PostFacts(true, "why?", 20_000, RepliesToBrand: true, InOpenIncident: true, JoinsThread: false), 10_000);

        Assert.That(reasons, Is.EqualTo(new[]
        {
            AnswerReasons.Negative, AnswerReasons.Question, AnswerReasons.ReplyToBrand, AnswerReasons.HighReach, AnswerReasons.Incident,
        }));
    }

    [Test]
    public void A_post_of_an_open_incidents_cascade_is_taken_even_when_neutral() =>
        Assert.That(AnswerNeeds.Reasons(new PostFacts(null, null, 0, false, InOpenIncident: true, false), 10_000), Is.EqualTo(new[] { AnswerReasons.Incident }));
}
