using Crisis.CrisisCell.Desk;
using Crisis.CrisisCell.Desk.Measuring;
using static Crisis.CrisisCell.Tests.Desk.DeskScenario;

namespace Crisis.CrisisCell.Tests.Desk;

public class When_the_desk_is_measured
{
    private static Conversation Written(string id, DateTimeOffset at, string language = "arabic") =>
        new(id, "org-1", "acme", "x", id, "author-" + id, at) { Mentions = [Post(id, at) with { Language = language }], WaitingSince = at };

    private static Conversation AnsweredBy(string id, DateTimeOffset at, int afterMinutes, string by) =>
        Written(id, at) with
        {
            Status = ConversationStatus.Answered,
            WaitingSince = null,
            Answers = [new SentAnswer("a-" + id, by, "ar", null, null, at.AddMinutes(afterMinutes))],
        };

    private static readonly Conversation[] Desk =
    [
        AnsweredBy("c1", Now.AddHours(-100), 10, "alice"),
        AnsweredBy("c2", Now.AddHours(-100), 20, "alice"),
        AnsweredBy("c3", Now.AddHours(-100), 90, "bob"),
        Written("c4", Now.AddHours(-80), "french"),
        Written("c5", Now.AddHours(-30), "french"),
        Written("c6", Now.AddHours(-1), "french"),
        Written("c7", Now.AddHours(-1)) with { Status = ConversationStatus.NoAnswerNeeded, WaitingSince = null, NoAnswerReason = "spam" },
        Written("c8", Now.AddHours(-5)) with
        {
            Status = ConversationStatus.HandedOver,
            WaitingSince = null,
            Handovers = [new Handover("h1", "bob", "refund", "CS-1", Now.AddHours(-4)) { Outcome = HandoverOutcome.Resolved }],
        },
    ];

    [Test]
    public void Coverage_counts_answers_and_handovers_among_the_conversations_that_needed_one()
    {
        var figures = DeskKpis.Figures(Desk, Now);

        Assert.Multiple(() =>
        {
            Assert.That(figures.Conversations, Is.EqualTo(8));
            Assert.That(figures.Coverage, Is.EqualTo(4.0 / 7).Within(1e-4), "c1, c2, c3 answered and c8 handed over, of the 7 that needed an answer");
            Assert.That(figures.Waiting, Is.EqualTo(3));
        });
    }

    [Test]
    public void Time_to_first_answer_is_given_as_median_and_p90_in_minutes()
    {
        var figures = DeskKpis.Figures(Desk, Now);

        Assert.That((figures.MedianMinutesToFirstAnswer, figures.P90MinutesToFirstAnswer), Is.EqualTo(((double?)20.0, (double?)90.0)));
    }

    [Test]
    public void Unanswered_after_24_and_72_hours_counts_only_those_still_waiting()
    {
        var figures = DeskKpis.Figures(Desk, Now);

        Assert.That((figures.UnansweredAfter24Hours, figures.UnansweredAfter72Hours), Is.EqualTo((2, 1)));
    }

    [Test]
    public void Figures_are_broken_down_per_responder_language_and_handover_outcome()
    {
        var report = DeskKpis.Measure(Desk, Now);

        Assert.Multiple(() =>
        {
            Assert.That(report.By["responder"]["alice"].Answered, Is.EqualTo(2));
            Assert.That(report.By["responder"]["bob"].HandedOver, Is.EqualTo(1));
            Assert.That(report.By["language"]["french"].Coverage, Is.EqualTo(0.0));
            Assert.That(report.Overall.HandoverOutcomes, Is.EqualTo(new Dictionary<string, int> { ["Resolved"] = 1 }));
        });
    }
}
