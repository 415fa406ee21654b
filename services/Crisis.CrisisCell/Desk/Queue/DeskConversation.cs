using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Crisis.CrisisCell.Desk.Queue;

/// <summary>
/// One conversation as the queue and the desk's reads see it, kept in step with its stream (inline): a claim is visible
/// to the next reader at once. The flat fields are what the queue filters and sorts on (indexed, see DeskModule).
/// </summary>
public sealed class DeskConversation
{
    /// <summary>The conversation's stream key.</summary>
    public string Id { get; set; } = "";
    public string ConversationId { get; set; } = "";
    public string OrganisationId { get; set; } = "";
    public string BrandId { get; set; } = "";
    public string Platform { get; set; } = "";
    /// <summary>The language of the latest post.</summary>
    public string Language { get; set; } = "";
    /// <summary>The latest open incident whose cascade brought a post of this conversation.</summary>
    public string? IncidentId { get; set; }
    public ConversationStatus Status { get; set; }
    /// <summary>The time-free sort key (<see cref="DeskPriority"/>); null once nothing waits.</summary>
    public double? Rank { get; set; }
    public DateTimeOffset? WaitingSince { get; set; }
    public string? LeaseHolder { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public string AuthorPseudonym { get; set; } = "";
    public long Followers { get; set; }
    public List<string> Reasons { get; set; } = [];
    public int MentionCount { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset? FirstAnsweredAt { get; set; }
    public long Version { get; set; }
    /// <summary>The whole decided state: the thread, the answers and the handovers, for the conversation's page.</summary>
    public Conversation? State { get; set; }

    public static DeskConversation From(string id, Conversation state, long version)
    {
        var latest = state.Mentions.Count == 0 ? null : state.Mentions[^1];
        return new DeskConversation
        {
            Id = id,
            ConversationId = state.ConversationId,
            OrganisationId = state.OrganisationId,
            BrandId = state.BrandId,
            Platform = state.Platform,
            Language = latest?.Language ?? "",
            IncidentId = state.Mentions.LastOrDefault(m => m.IncidentId is not null)?.IncidentId,
            Status = state.Status,
            Rank = DeskPriority.Rank(state),
            WaitingSince = state.WaitingSince,
            LeaseHolder = state.LeaseHolder,
            LeaseUntil = state.LeaseUntil,
            AuthorPseudonym = state.AuthorPseudonym,
            Followers = state.Mentions.Count == 0 ? 0 : state.Mentions.Max(m => m.Followers),
            Reasons = [.. state.Mentions.SelectMany(m => m.Reasons).Distinct(StringComparer.Ordinal)],
            MentionCount = state.Mentions.Count,
            OpenedAt = state.OpenedAt,
            FirstAnsweredAt = state.FirstAnsweredAt,
            Version = version,
            State = state,
        };
    }
}

/// <summary>Folds the conversation with the decider's own Evolve and flattens the result for the queue.</summary>
public sealed class DeskConversationProjection : SingleStreamProjection<DeskConversation, string>
{
    public DeskConversationProjection()
    {
        foreach (var type in ConversationEventNames.ByType.Keys) IncludeType(type);
    }

    public override DeskConversation Evolve(DeskConversation? snapshot, string id, IEvent e)
    {
        if (e.Data is not ConversationEvent domain) return snapshot!;
        var state = ConversationDecider.Evolve((ConversationState?)snapshot?.State ?? new ConversationState.NotOpened(), domain);
        return DeskConversation.From(id, (Conversation)state, e.Version);
    }
}
