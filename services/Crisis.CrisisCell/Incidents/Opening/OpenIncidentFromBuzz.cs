using Crisis.CrisisCell.Playbooks;

namespace Crisis.CrisisCell.Incidents.Opening;

/// <summary>
/// The detector paged for a brand's buzz episode. The caller routes it to the stream of the episode's open
/// incident, or to a fresh stream when there is none; when the brand's last incident for this episode is
/// closed, the caller passes its id as <see cref="PreviousIncidentId"/> so the new incident links to it.
/// </summary>
public sealed record OpenIncidentFromBuzz(
    string IncidentId,
    string OrganisationId,
    string BrandId,
    string EpisodeId,
    string EscalationId,
    int Severity,
    int SeverityThreshold,
    DateTimeOffset OnsetAt,
    DateTimeOffset DetectedAt,
    IncidentEvidence Evidence,
    Playbook Playbook,
    string? PreviousIncidentId,
    string By,
    DateTimeOffset Now) : IncidentCommand(IncidentId, Now);

/// <summary>Someone saw trouble the detector did not page for, and opens an incident themselves.</summary>
public sealed record OpenIncidentByHand(
    string IncidentId,
    string OrganisationId,
    string BrandId,
    string Title,
    int Severity,
    Playbook Playbook,
    string? PreviousIncidentId,
    string By,
    DateTimeOffset Now) : IncidentCommand(IncidentId, Now);

/// <summary>
/// The incident opened. It carries the playbook stages with their absolute deadlines, so later changes to the
/// organisation's playbook never rewrite a running or past incident.
/// </summary>
public sealed record IncidentOpened(
    string IncidentId,
    string OrganisationId,
    string BrandId,
    string Title,
    IncidentSource Source,
    string? EpisodeId,
    string? EscalationId,
    int Severity,
    DateTimeOffset? OnsetAt,
    DateTimeOffset DetectedAt,
    IncidentEvidence Evidence,
    IReadOnlyList<ScheduledStage> Stages,
    string? PreviousIncidentId,
    string OpenedBy,
    DateTimeOffset OpenedAt) : IncidentEvent(IncidentId);

/// <summary>A later escalation of the same episode: the incident takes its severity and evidence, no second incident opens.</summary>
public sealed record BuzzEscalationRecorded(
    string IncidentId,
    string EscalationId,
    int Severity,
    DateTimeOffset DetectedAt,
    IncidentEvidence Evidence,
    string RecordedBy,
    DateTimeOffset RecordedAt) : IncidentEvent(IncidentId);
