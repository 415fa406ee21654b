namespace Crisis.CrisisCell.Incidents.Summaries;

/// <summary>
/// One incident as the list, the deadline timer and the buzz consumer read it; kept in step with its stream
/// (inline), so a read right after a command sees the command's effect.
/// </summary>
public sealed class IncidentSummary
{
    /// <summary>The incident's stream key (Marten keys a single-stream read model by its stream).</summary>
    public string Id { get; set; } = "";
    public string IncidentId { get; set; } = "";
    public string OrganisationId { get; set; } = "";
    public string BrandId { get; set; } = "";
    public string Title { get; set; } = "";
    public IncidentSource Source { get; set; }
    public string? EpisodeId { get; set; }
    public string? PreviousIncidentId { get; set; }
    public IncidentStatus Status { get; set; }
    public int Severity { get; set; }
    public int EscalationLevel { get; set; } = 1;
    public string? CurrentStageId { get; set; }
    public string? CurrentStageName { get; set; }
    /// <summary>The earliest detection among the incident's pages, whatever order they were consumed in.</summary>
    public DateTimeOffset DetectedAt { get; set; }
    /// <summary>Opened from evidence older than the late-page horizon: its stage deadlines count from <see cref="OpenedAt"/>.</summary>
    public bool Late { get; set; }
    /// <summary>Late, and nobody is notified of it (until an on-time page of its episode arrives).</summary>
    public bool Quiet { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    /// <summary>When the deadline timer must next check this incident; none once the playbook no longer binds.</summary>
    public DateTimeOffset? NextStageDeadline { get; set; }
    public List<StageDeadline> Stages { get; set; } = [];
    public int CurrentStageIndex { get; set; }
    public List<string> MissedStageIds { get; set; } = [];
    /// <summary>Every detector escalation recorded on this incident: a redelivered page is recognised even after closure.</summary>
    public List<string> EscalationIds { get; set; } = [];
    /// <summary>The stream version: the ETag of the incident and the If-Match of the next command.</summary>
    public long Version { get; set; }
}

public sealed record StageDeadline(string StageId, string Name, DateTimeOffset Deadline);
