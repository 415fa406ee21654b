using System.Collections.Immutable;
using Crisis.CrisisCell.Playbooks;

namespace Crisis.CrisisCell.Incidents;

public static class IncidentStreams
{
    public static string KeyFor(string incidentId) => $"incident/{incidentId}";
}

public enum IncidentStatus
{
    /// <summary>Open and not yet acknowledged by anyone: the on-call chain is being paged.</summary>
    Opened,
    /// <summary>Someone owns it; the cell walks the playbook stages.</summary>
    Acknowledged,
    /// <summary>The playbook is done (or cut short); the cell watches until the buzz subsides.</summary>
    Monitoring,
    Resolved,
    /// <summary>Post-mortem done. A buzz coming back after this opens a new incident linked to this one.</summary>
    Closed,
}

public enum IncidentSource
{
    Buzz,
    Manual,
}

public enum IncidentRole
{
    IncidentLead,
    CommunityManager,
    Spokesperson,
    Legal,
    CustomerCare,
}

/// <summary>A playbook stage as it applies to one incident: its deadline is absolute (detected at + the stage's offset).</summary>
public sealed record ScheduledStage(string StageId, string Name, string Guidance, DateTimeOffset Deadline, IReadOnlyList<ChecklistItem> Checklist)
{
    public static IReadOnlyList<ScheduledStage> From(Playbook playbook, DateTimeOffset detectedAt) =>
        [.. playbook.Stages.Select(s => new ScheduledStage(s.Id, s.Name, s.Guidance, detectedAt + s.DeadlineAfterDetection, s.Checklist))];
}

/// <summary>The figures and posts that made the detector page, as the cell reads them.</summary>
public sealed record IncidentEvidence(
    long Mentions,
    double ExpectedMentions,
    double? NegativeShare,
    IReadOnlyList<string> TopTerms,
    IReadOnlyDictionary<string, long> Languages,
    IReadOnlyList<EvidencePost> TopNegativePosts)
{
    public static readonly IncidentEvidence None = new(0, 0, null, [], ImmutableDictionary<string, long>.Empty, []);
}

/// <summary>A post quoted as evidence.</summary>
/// <param name="Author">The author's pseudonym in events (the handle only in events older than pseudonymisation).</param>
/// <param name="Excerpt">Null in events: read with <see cref="QuotingPosts.QuotedPosts"/> when shown.</param>
public sealed record EvidencePost(string Platform, string PostId, string Author, long Followers, string Language, string? Excerpt);

public sealed record BuzzUpdate(string EscalationId, int Severity, DateTimeOffset DetectedAt, DateTimeOffset RecordedAt);

public sealed record PublicResponse(string Channel, Uri Url, string Text, string Language, DateTimeOffset PublishedAt, string RecordedBy);

public sealed record ContentRemoval(string Channel, Uri Url, string Reason, string RecordedBy, DateTimeOffset RecordedAt);

public abstract record IncidentState
{
    public sealed record NotOpened : IncidentState;
}

/// <summary>An opened incident, whatever its status. Built only by <see cref="IncidentDecider.Evolve"/>.</summary>
public sealed record Incident(
    string IncidentId,
    string OrganisationId,
    string BrandId,
    string Title,
    IncidentSource Source,
    string? EpisodeId,
    string? PreviousIncidentId,
    int Severity,
    DateTimeOffset? OnsetAt,
    DateTimeOffset DetectedAt,
    DateTimeOffset OpenedAt,
    IncidentEvidence Evidence,
    IReadOnlyList<ScheduledStage> Stages) : IncidentState
{
    public IncidentStatus Status { get; init; } = IncidentStatus.Opened;
    /// <summary>Opened from late evidence: its stage deadlines count from <see cref="OpenedAt"/>, when the cell learned of it.</summary>
    public bool Late { get; init; }
    /// <summary>Late, and nobody is to be notified of it (until an on-time page shows the buzz is live).</summary>
    public bool Quiet { get; init; }
    /// <summary>When the current round of paging began: the opening, or the last reopening.</summary>
    public DateTimeOffset PagingSince { get; init; } = OpenedAt;
    public string? AcknowledgedBy { get; init; }
    public DateTimeOffset? AcknowledgedAt { get; init; }
    /// <summary>The on-call level the incident has been raised to; 1 until someone or a missed deadline escalates.</summary>
    public int EscalationLevel { get; init; } = 1;
    public DateTimeOffset? LastEscalatedAt { get; init; }
    public int CurrentStageIndex { get; init; }
    /// <summary>Ticked checklist items, as "stageId/itemId".</summary>
    public ImmutableHashSet<string> TickedItems { get; init; } = [];
    public ImmutableHashSet<string> MissedStageIds { get; init; } = [];
    public ImmutableList<BuzzUpdate> BuzzUpdates { get; init; } = [];
    public ImmutableDictionary<IncidentRole, string> Roles { get; init; } = ImmutableDictionary<IncidentRole, string>.Empty;
    public ImmutableHashSet<string> NoteIds { get; init; } = [];
    public ImmutableHashSet<string> DecisionIds { get; init; } = [];
    public ImmutableList<PublicResponse> PublicResponses { get; init; } = [];
    public ImmutableList<ContentRemoval> ContentRemovals { get; init; } = [];
    /// <summary>Public statements on their way to approval and publication, by id (<see cref="ApprovingStatements.Statement"/>).</summary>
    public ImmutableDictionary<string, ApprovingStatements.Statement> Statements { get; init; } =
        ImmutableDictionary<string, ApprovingStatements.Statement>.Empty.WithComparers(StringComparer.Ordinal);
    public DateTimeOffset? ResolvedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public int ReopenCount { get; init; }
    /// <summary>Every notification delivery recorded, in order: what was sent, failed or suppressed, per key.</summary>
    public ImmutableList<Notifying.Delivering.DeliveryRecord> Deliveries { get; init; } = [];
    /// <summary>Keys of the deliveries started (each has a stream of its own, <see cref="Notifying.Delivering.DeliveryStreams"/>).</summary>
    public ImmutableHashSet<string> DispatchedKeys { get; init; } = ImmutableHashSet<string>.Empty.WithComparer(StringComparer.Ordinal);

    public ScheduledStage? CurrentStage => CurrentStageIndex < Stages.Count ? Stages[CurrentStageIndex] : null;

    /// <summary>
    /// When the deadline timer should next fire (a <c>CheckDeadlines</c> then): the earliest deadline of a stage
    /// not yet done nor already missed, while the cell is still walking the playbook.
    /// </summary>
    public DateTimeOffset? NextStageDeadline =>
        Status is IncidentStatus.Opened or IncidentStatus.Acknowledged
            ? Stages.Skip(CurrentStageIndex).Where(s => !MissedStageIds.Contains(s.StageId)).Select(s => (DateTimeOffset?)s.Deadline).Min()
            : null;

    public bool IsTicked(string stageId, string itemId) => TickedItems.Contains(ChecklistKey(stageId, itemId));

    /// <summary>Items of a stage not yet ticked, in playbook order.</summary>
    public IReadOnlyList<string> UntickedItems(ScheduledStage stage) =>
        [.. stage.Checklist.Where(i => !IsTicked(stage.StageId, i.Id)).Select(i => i.Id)];

    public (int Ticked, int Total) ChecklistProgress(ScheduledStage stage) =>
        (stage.Checklist.Count(i => IsTicked(stage.StageId, i.Id)), stage.Checklist.Count);

    public bool HasEscalation(string escalationId) => BuzzUpdates.Any(u => u.EscalationId == escalationId);

    internal static string ChecklistKey(string stageId, string itemId) => $"{stageId}/{itemId}";
}
