using Crisis.CrisisCell.Desk;
using Crisis.CrisisCell.Desk.Queue;
using static Crisis.CrisisCell.Tests.Desk.DeskScenario;

namespace Crisis.CrisisCell.Tests.Desk;

public class When_the_queue_is_ordered
{
    private static Conversation Waiting(DateTimeOffset since, bool negative = true, long followers = 100, bool alreadyAnswered = false, int severity = 0) =>
        new Conversation(Id, "org-1", "acme", "x", "p1", "author-abc", since)
        {
            Mentions = [Post("p1", since, negative, followers: followers) with { IncidentId = severity > 0 ? "inc-1" : null, IncidentSeverity = severity }],
            WaitingSince = since,
            AuthorAlreadyAnswered = alreadyAnswered,
        };

    [Test]
    public void Ordering_by_the_stored_rank_is_ordering_by_priority_at_any_instant()
    {
        var conversations = new[]
        {
            Waiting(Now.AddMinutes(-90), negative: false), Waiting(Now.AddMinutes(-5), followers: 1_000_000), Waiting(Now.AddMinutes(-30), severity: 8),
            Waiting(Now, alreadyAnswered: true), Waiting(Now.AddMinutes(-200), negative: false, alreadyAnswered: true),
        };
        foreach (var at in new[] { Now, Now.AddHours(3), Now.AddDays(2) })
        {
            var byRank = conversations.OrderByDescending(c => DeskPriority.Rank(c)).ToList();
            var byPriority = conversations.OrderByDescending(c => DeskPriority.Points(c) + DeskPriority.PointsPerMinuteWaiting * (at - c.WaitingSince!.Value).TotalMinutes).ToList();
            Assert.That(byRank, Is.EqualTo(byPriority), $"at {at:O}");
        }
    }

    [Test]
    public void Between_two_alike_the_one_waiting_longer_comes_first() =>
        Assert.That(DeskPriority.Rank(Waiting(Now.AddMinutes(-20))), Is.GreaterThan(DeskPriority.Rank(Waiting(Now.AddMinutes(-5)))!.Value));

    [Test]
    public void A_complaint_comes_before_a_neutral_post_of_the_same_age() =>
        Assert.That(DeskPriority.Rank(Waiting(Now)), Is.GreaterThan(DeskPriority.Rank(Waiting(Now, negative: false))!.Value));

    [Test]
    public void A_large_audience_and_a_severe_incident_raise_the_priority() =>
        Assert.Multiple(() =>
        {
            Assert.That(DeskPriority.Points(Waiting(Now, followers: 1_000_000)), Is.GreaterThan(DeskPriority.Points(Waiting(Now))));
            Assert.That(DeskPriority.Points(Waiting(Now, severity: 8)), Is.EqualTo(DeskPriority.Points(Waiting(Now)) + 40).Within(1e-9));
        });

    [Test]
    public void An_author_already_answered_elsewhere_waits_behind_one_who_was_not() =>
        Assert.That(DeskPriority.Points(Waiting(Now, alreadyAnswered: true)), Is.EqualTo(DeskPriority.Points(Waiting(Now)) - 30).Within(1e-9));

    [Test]
    public void Shown_priority_grows_by_half_a_point_per_minute_waited()
    {
        var rank = DeskPriority.Rank(Waiting(Now))!.Value;

        Assert.That(DeskPriority.At(rank, Now.AddMinutes(60)) - DeskPriority.At(rank, Now), Is.EqualTo(30).Within(1e-6));
    }

    [Test]
    public void Nothing_waiting_has_no_rank() =>
        Assert.That(DeskPriority.Rank(Waiting(Now) with { WaitingSince = null }), Is.Null);
}
