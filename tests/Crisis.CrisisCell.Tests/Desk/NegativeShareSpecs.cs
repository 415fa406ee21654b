using Crisis.CrisisCell.Desk;
using Crisis.CrisisCell.Desk.Measuring;
using static Crisis.CrisisCell.Tests.Desk.DeskScenario;

namespace Crisis.CrisisCell.Tests.Desk;

public class When_the_negative_share_after_the_answer_is_measured
{
    /// <summary>A thread of <paramref name="negative"/> posts then <paramref name="calm"/> ones before the answer, and the same after it.</summary>
    private static Conversation Thread(string id, (int negative, int calm) before, (int negative, int calm)? after, string incident = "inc-1")
    {
        var answeredAt = Now.AddHours(-2);
        var posts = new List<ConversationMention>();
        void Add(int count, bool negative, DateTimeOffset from)
        {
            for (var i = 0; i < count; i++)
                posts.Add(Post($"{id}-{posts.Count}", from.AddMinutes(posts.Count), negative) with { IncidentId = incident });
        }
        Add(before.negative, true, answeredAt.AddHours(-1));
        Add(before.calm, false, answeredAt.AddHours(-1));
        if (after is { } a)
        {
            Add(a.negative, true, answeredAt.AddMinutes(1));
            Add(a.calm, false, answeredAt.AddMinutes(1));
        }
        return new Conversation(id, "org-1", "acme", "x", posts[0].PostId, "author-" + id, answeredAt.AddHours(-1))
        {
            Status = after is null ? ConversationStatus.Awaiting : ConversationStatus.Answered,
            Mentions = [.. posts],
            Answers = after is null ? [] : [new SentAnswer("a-" + id, "alice", "ar", null, null, answeredAt)],
        };
    }

    [Test]
    public void It_compares_the_answered_threads_posts_before_the_first_answer_with_those_after_it()
    {
        // Before: 6 negative of 8. After: 1 negative of 5. The unanswered thread counts on neither side.
        var move = NegativeShares.Measure([Thread("c1", (4, 1), (1, 2)), Thread("c2", (2, 1), (0, 2)), Thread("c3", (9, 0), null)]);

        Assert.Multiple(() =>
        {
            Assert.That(move.Conversations, Is.EqualTo(2));
            Assert.That((move.PostsBefore, move.NegativeBefore, move.PostsAfter, move.NegativeAfter), Is.EqualTo((8, 6, 5, 1)));
            Assert.That(move.ShareBefore, Is.EqualTo(0.75));
            Assert.That(move.ShareAfter, Is.EqualTo(0.2));
            Assert.That(move.Change, Is.EqualTo(-0.55));
            Assert.That(move.EnoughData, Is.True);
        });
    }

    [Test]
    public void Fewer_than_five_scored_posts_after_the_answers_is_not_enough_data()
    {
        var move = NegativeShares.Measure([Thread("c1", (5, 0), (1, 3))]);

        Assert.Multiple(() =>
        {
            Assert.That(move.EnoughData, Is.False);
            Assert.That((move.ShareBefore, move.ShareAfter, move.Change), Is.EqualTo(((double?)null, (double?)null, (double?)null)));
            Assert.That((move.PostsBefore, move.PostsAfter), Is.EqualTo((5, 4)), "the counts are given anyway");
        });
    }

    [Test]
    public void A_post_neither_labelled_nor_scored_counts_on_neither_side_and_a_probability_alone_decides_otherwise()
    {
        var thread = Thread("c1", (5, 0), (0, 5));
        thread = thread with
        {
            Mentions = thread.Mentions
                .Add(Post("unscored", Now.AddMinutes(-30)) with { IsNegative = null, NegativeProbability = null })
                .Add(Post("probable", Now.AddMinutes(-20)) with { IsNegative = null, NegativeProbability = 0.7 }),
        };

        var move = NegativeShares.Measure([thread]);

        Assert.That((move.PostsAfter, move.NegativeAfter), Is.EqualTo((6, 1)));
    }

    [Test]
    public void The_kpis_give_it_per_incident()
    {
        var report = DeskKpis.Measure([Thread("c1", (5, 0), (0, 5), "inc-1"), Thread("c2", (1, 4), (5, 0), "inc-2")], Now);

        Assert.Multiple(() =>
        {
            Assert.That(report.By["incident"]["inc-1"].NegativeShare.Change, Is.EqualTo(-1.0));
            Assert.That(report.By["incident"]["inc-2"].NegativeShare.Change, Is.EqualTo(0.8));
            Assert.That(report.Overall.NegativeShare.Change, Is.EqualTo(-0.1), "pooled: 6 of 10 before, 5 of 10 after");
        });
    }
}
