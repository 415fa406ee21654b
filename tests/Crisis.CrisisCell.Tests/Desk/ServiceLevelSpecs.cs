using Crisis.CrisisCell.Desk;
using Crisis.CrisisCell.Desk.Answering;
using Crisis.CrisisCell.Desk.Intake;
using Crisis.CrisisCell.Desk.KeepingServiceLevels;
using Crisis.CrisisCell.Notifying.Configuring;
using Crisis.CrisisCell.OnCall;
using static Crisis.CrisisCell.Tests.Desk.DeskScenario;

namespace Crisis.CrisisCell.Tests.Desk;

public class When_someone_waits_past_the_first_answer_target
{
    private static readonly TimeSpan Hour = TimeSpan.FromMinutes(60);

    // Opened() has one post published ten minutes before Now.
    [Test]
    public void Before_the_target_nothing_is_recorded() =>
        Given(Opened()).When(new CheckFirstAnswerTarget(Id, Hour, Now)).ThenNothing();

    [Test]
    public void Past_the_target_the_breach_is_recorded_with_the_owner_to_warn() =>
        Given(ClaimedBy("alice", Now.AddMinutes(-20))).When(new CheckFirstAnswerTarget(Id, Hour, Now.AddMinutes(51)))
            .Then(new FirstAnswerTargetBreached(Id, Now.AddMinutes(-10), Now.AddMinutes(50), "alice", Now.AddMinutes(51)));

    [Test]
    public void One_wait_breaches_once()
    {
        var breached = new FirstAnswerTargetBreached(Id, Now.AddMinutes(-10), Now.AddMinutes(50), null, Now.AddMinutes(51));

        Given([.. Opened(), breached]).When(new CheckFirstAnswerTarget(Id, Hour, Now.AddMinutes(90))).ThenNothing();
    }

    [Test]
    public void An_answered_conversation_does_not_breach() =>
        Given(When_a_responder_claims_a_conversation.Answered()).When(new CheckFirstAnswerTarget(Id, Hour, Now.AddHours(5))).ThenNothing();

    [Test]
    public void A_new_wait_after_an_answer_can_breach_again()
    {
        var earlier = new FirstAnswerTargetBreached(Id, Now.AddMinutes(-10), Now.AddMinutes(50), null, Now.AddMinutes(51));
        var again = new MentionJoinedConversation(Id, Post("p2", Now.AddHours(2)), Now.AddHours(2));
        var answered = When_a_responder_claims_a_conversation.Answered();

        Given([.. answered, earlier, again]).When(new CheckFirstAnswerTarget(Id, Hour, Now.AddHours(3).AddMinutes(1)))
            .Then(new FirstAnswerTargetBreached(Id, Now.AddHours(2), Now.AddHours(3), null, Now.AddHours(3).AddMinutes(1)));
    }

    [Test]
    public void A_conversation_of_an_open_incident_has_the_shorter_target()
    {
        var cascade = Post("p9", Now) with { IncidentId = "inc-1", IncidentSeverity = 7 };
        var conversation = (Conversation)Crisis.CrisisCell.Desk.ConversationDecider.Instance.Fold(
            [.. Opened(), new MentionJoinedConversation(Id, cascade, Now)]);

        Assert.Multiple(() =>
        {
            Assert.That(FirstAnswerTarget.For(conversation, 60, 15), Is.EqualTo(TimeSpan.FromMinutes(15)));
            Assert.That(FirstAnswerTarget.DueAt(conversation, 60, 15), Is.EqualTo(Now.AddMinutes(5)), "the wait began with the first post, ten minutes ago");
        });
    }

    [Test]
    public void The_on_call_lead_is_whoever_holds_the_first_levels_rotation_now()
    {
        var roster = new OnCallRoster("org-1", [
            new Rotation("day", Now.AddDays(-1), TimeSpan.FromHours(12), [new Responder("lina"), new Responder("omar")]),
            new Rotation("backup", Now.AddDays(-1), TimeSpan.FromDays(7), [new Responder("karim")])]);
        var policy = new EscalationPolicy("org-1", [new EscalationLevel(2, TimeSpan.FromMinutes(10), ["backup"]), new EscalationLevel(1, TimeSpan.Zero, ["day"])], 0,
            new NoiseControl(10, Hour, Hour, TimeSpan.FromSeconds(3), []));

        Assert.That(BreachWarnings.OnCallLeads(new OnCallConfiguration(roster, policy, new Dictionary<string, IReadOnlyList<ContactEndpoint>>()), Now),
            Is.EqualTo(new[] { "lina" }), "day shift 0 of 12 h began a day ago: lina again");
    }

    [Test]
    public void A_warning_is_keyed_by_the_waits_it_names_not_by_the_second_it_was_sent()
    {
        Breach Waiting(string conversation, int minutes) => new("org-1", "brand-1", conversation, null, Now.AddMinutes(-minutes), null);

        var first = BreachWarnings.KeyFor("org-1", "amina", [Waiting("c1", 70), Waiting("c2", 65)]);
        Assert.Multiple(() =>
        {
            Assert.That(BreachWarnings.KeyFor("org-1", "amina", [Waiting("c2", 65), Waiting("c1", 70)]), Is.EqualTo(first), "a retried send: same waits, same key");
            Assert.That(BreachWarnings.KeyFor("org-1", "amina", [Waiting("c3", 62)]), Is.Not.EqualTo(first), "another round's waits: another key");
            Assert.That(BreachWarnings.KeyFor("org-1", "amina", [Waiting("c1", 20), Waiting("c2", 65)]), Is.Not.EqualTo(first), "a later wait of the same conversation");
            Assert.That(BreachWarnings.KeyFor("org-1", "karim", [Waiting("c1", 70), Waiting("c2", 65)]), Is.Not.EqualTo(first), "another recipient");
        });
    }

    [Test]
    public void A_person_is_warned_at_most_once_per_interval_and_told_how_many_breaches_were_held_back()
    {
        var gate = new WarningGate();
        var interval = TimeSpan.FromMinutes(15);

        Assert.Multiple(() =>
        {
            Assert.That(gate.Pass("org-1", "lina", 200, Now, interval), Is.EqualTo(0), "the first warning goes out");
            Assert.That(gate.Pass("org-1", "lina", 200, Now.AddSeconds(30), interval), Is.Null, "the next round's is held back");
            Assert.That(gate.Pass("org-1", "lina", 150, Now.AddMinutes(10), interval), Is.Null, "and so is the one after");
            Assert.That(gate.Pass("org-1", "sam", 3, Now.AddMinutes(10), interval), Is.EqualTo(0), "another person has a gate of their own");
            Assert.That(gate.Pass("org-2", "lina", 3, Now.AddMinutes(10), interval), Is.EqualTo(0), "so has the same name in another organisation");
            Assert.That(gate.Pass("org-1", "lina", 7, Now.AddMinutes(15), interval), Is.EqualTo(350), "the interval over: the warning counts what was held");
            Assert.That(gate.Pass("org-1", "lina", 1, Now.AddMinutes(16), interval), Is.Null, "and starts a new interval");
            Assert.That(new WarningGate().Pass("org-1", "lina", 1, Now, TimeSpan.Zero), Is.EqualTo(0));
        });
    }

    [Test]
    public void Without_an_interval_every_round_warns()
    {
        var gate = new WarningGate();

        Assert.Multiple(() =>
        {
            Assert.That(gate.Pass("org-1", "lina", 2, Now, TimeSpan.Zero), Is.EqualTo(0));
            Assert.That(gate.Pass("org-1", "lina", 2, Now, TimeSpan.Zero), Is.EqualTo(0), "even in the same instant");
        });
    }

    [Test]
    public void A_warning_after_a_hold_says_how_many_breaches_it_does_not_name()
    {
        Breach Waiting(string conversation, int minutes) => new("org-1", "brand-1", conversation, null, Now.AddMinutes(-minutes), null);

        Assert.Multiple(() =>
        {
            Assert.That(BreachWarnings.Title([Waiting("c1", 70)], 0, Now), Is.EqualTo("1 waiting: c1 (70 min)"));
            Assert.That(BreachWarnings.Title([Waiting("c1", 70)], 350, Now), Is.EqualTo("1 waiting: c1 (70 min); 350 more since the last warning (see the queue)"));
        });
    }
}
