using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;

namespace Crisis.CrisisCell.Desk;

public static class ConversationStreams
{
    public static string KeyFor(string conversationId) => $"conversation/{conversationId}";

    /// <summary>
    /// A thread is named by its first post as the desk saw it: the same brand, platform and root post always give the same
    /// id, so a replayed intake finds the conversation it started instead of starting another.
    /// </summary>
    public static string IdFor(string organisationId, string brandId, string platform, string rootPostId) =>
        "c" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{organisationId}\n{brandId}\n{platform}\n{rootPostId}")))[..24];
}

public enum ConversationStatus
{
    /// <summary>Someone wrote and nobody has answered since: the conversation is in the queue.</summary>
    Awaiting,
    Answered,
    /// <summary>Passed to customer service; back in the queue if the person writes again publicly.</summary>
    HandedOver,
    NoAnswerNeeded,
}

public enum HandoverOutcome
{
    Resolved,
    Unresolved,
    CustomerUnreachable,
}

/// <summary>Why the desk took a mention: the queue shows these, the priority weighs them (docs/response-desk.md).</summary>
public static class AnswerReasons
{
    public const string Negative = "negative";
    public const string Question = "question";
    public const string ReplyToBrand = "reply_to_brand";
    public const string HighReach = "high_reach";
    public const string Incident = "incident";
    /// <summary>A reply inside a thread the desk already holds: the person is still talking to the brand.</summary>
    public const string Thread = "thread";
}

/// <summary>One post of the thread as the desk keeps it: the pseudonym only, the words stay in mention_keys.</summary>
public sealed record ConversationMention(
    string PostId,
    string AuthorPseudonym,
    long Followers,
    string Language,
    double? NegativeProbability,
    bool? IsNegative,
    bool IsQuestion,
    string? ReplyTo,
    DateTimeOffset PublishedAt,
    IReadOnlyList<string> Reasons,
    string? IncidentId,
    int IncidentSeverity);

public sealed record SentAnswer(string AnswerId, string SentBy, string Language, string? TemplateId, Uri? PublicUrl, DateTimeOffset SentAt);

public sealed record Handover(string HandoverId, string By, string Promised, string? CaseReference, DateTimeOffset HandedOverAt)
{
    public HandoverOutcome? Outcome { get; init; }
    public DateTimeOffset? OutcomeAt { get; init; }
}

public abstract record ConversationState
{
    public sealed record NotOpened : ConversationState;
}

/// <summary>A thread of posts by the public that the desk holds. Built only by <see cref="ConversationDecider.Evolve"/>.</summary>
public sealed record Conversation(
    string ConversationId,
    string OrganisationId,
    string BrandId,
    string Platform,
    string RootPostId,
    string AuthorPseudonym,
    DateTimeOffset OpenedAt) : ConversationState
{
    public ConversationStatus Status { get; init; } = ConversationStatus.Awaiting;
    public ImmutableList<ConversationMention> Mentions { get; init; } = [];
    /// <summary>When the oldest post not yet answered was published; null when nothing waits.</summary>
    public DateTimeOffset? WaitingSince { get; init; }
    public string? LeaseHolder { get; init; }
    public DateTimeOffset? LeaseUntil { get; init; }
    public ImmutableList<SentAnswer> Answers { get; init; } = [];
    public ImmutableList<string> FailedAnswerIds { get; init; } = [];
    public ImmutableList<Handover> Handovers { get; init; } = [];
    public string? NoAnswerReason { get; init; }
    /// <summary>The author had already been answered in another conversation when this one opened: weighs less.</summary>
    public bool AuthorAlreadyAnswered { get; init; }
    /// <summary>The waits (by when they began) already warned about: one warning per conversation and breach.</summary>
    public ImmutableList<DateTimeOffset> BreachedWaits { get; init; } = [];

    public bool IsLeasedTo(string actor, DateTimeOffset now) => LeaseHolder == actor && LeaseUntil > now;

    public bool IsLeasedToSomeoneElse(string actor, DateTimeOffset now) => LeaseHolder is not null && LeaseHolder != actor && LeaseUntil > now;

    /// <summary>The current wait passed its first-answer target and the breach was recorded.</summary>
    public bool WaitBreached => WaitingSince is { } since && BreachedWaits.Contains(since);

    public DateTimeOffset? FirstAnsweredAt => Answers.Count == 0 ? null : Answers[0].SentAt;

    public bool Holds(string postId) => Mentions.Any(m => m.PostId == postId);
}
