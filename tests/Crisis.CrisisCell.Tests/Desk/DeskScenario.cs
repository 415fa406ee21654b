using System.Text.Json;
using Crisis.CrisisCell.Desk;
using Crisis.CrisisCell.Desk.Intake;
using Crisis.ServiceDefaults.EventSourcing;

namespace Crisis.CrisisCell.Tests.Desk;

/// <summary>Given(events) / When(command) / Then(events or refusal) over the conversation decider.</summary>
internal sealed class DeskScenario
{
    public const string Id = "c0123456789abcdef01234567";
    public static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    private readonly ConversationEvent[] _given;
    private ConversationCommand? _when;

    private DeskScenario(ConversationEvent[] given) => _given = given;

    public static DeskScenario Given(params ConversationEvent[] events) => new(events);

    public DeskScenario When(ConversationCommand command)
    {
        _when = command;
        return this;
    }

    public ConversationState State => ConversationDecider.Instance.Fold(_given);

    public IReadOnlyList<ConversationEvent> Decided() => ConversationDecider.Instance.Decide(_when!, State);

    public void Then(params ConversationEvent[] expected) => Assert.That(Describe(Decided()), Is.EqualTo(Describe(expected)));

    public void ThenNothing() => Assert.That(Decided(), Is.Empty);

    public void ThenRefused(DomainRefusalKind kind, string messagePart) => AssertRefused(() => Decided(), kind, messagePart);

    public static void AssertRefused(Func<object> action, DomainRefusalKind kind, string messagePart)
    {
        var refusal = Assert.Throws<DomainRefusalException>(() => action());
        Assert.Multiple(() =>
        {
            Assert.That(refusal!.Kind, Is.EqualTo(kind));
            Assert.That(refusal.Message, Does.Contain(messagePart));
        });
    }

    public Conversation StateAfter() => (Conversation)ConversationDecider.Instance.Fold([.. _given, .. Decided()]);

    public static ConversationMention Post(string postId, DateTimeOffset publishedAt, bool negative = true, string? replyTo = null, long followers = 120) =>
        new(postId, "author-abc", followers, "arabic", negative ? 0.9 : 0.1, negative, IsQuestion: false, replyTo, publishedAt,
            negative ? [AnswerReasons.Negative] : [AnswerReasons.Thread], IncidentId: null, IncidentSeverity: 0);

    /// <summary>A conversation opened by one negative post published ten minutes before <see cref="Now"/>.</summary>
    public static ConversationEvent[] Opened() =>
    [
        new ConversationOpened(Id, "org-1", "acme", "x", "p1", "author-abc", false, Now.AddMinutes(-9)),
        new MentionJoinedConversation(Id, Post("p1", Now.AddMinutes(-10)), Now.AddMinutes(-9)),
    ];

    public static ConversationEvent[] ClaimedBy(string who, DateTimeOffset until) =>
        [.. Opened(), new Crisis.CrisisCell.Desk.Claiming.ConversationClaimed(Id, who, Now, until)];

    private static string[] Describe(IEnumerable<ConversationEvent> events) =>
        [.. events.Select(e => $"{e.GetType().Name} {JsonSerializer.Serialize(e, e.GetType())}")];
}
