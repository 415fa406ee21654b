using Crisis.CrisisCell.Playbooks;

namespace Crisis.CrisisCell.Incidents.Opening;

/// <summary>
/// The detector paged for a brand's buzz episode. The caller routes it to the stream of the episode's open
/// incident, or to a fresh stream when there is none; when the brand's last incident for this episode is
/// closed, the caller passes its id as <see cref="PreviousIncidentId"/> so the new incident links to it.
/// An episode's pages may be consumed in any order: the incident's detection time is its earliest page's.
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
    LatePagePolicy LatePages,
    string By,
    DateTimeOffset Now) : IncidentCommand(IncidentId, Now)
{
    /// <summary>The brand's registered name, for the title people read; the id when the brand has none to give.</summary>
    public string? BrandName { get; init; }
}

/// <summary>
/// What the cell does with a page whose evidence was already old when the cell received it (a connector catching
/// up, an import of history): past <see cref="Horizon"/> the page is late, its deadlines count from when the cell
/// learned of it, and it pages nobody unless <see cref="PageLateBuzzes"/>.
/// </summary>
public sealed record LatePagePolicy(TimeSpan Horizon, bool PageLateBuzzes)
{
    /// <summary>Detection is the end of the page's bucket in event time; the cell received it at <paramref name="receivedAt"/>.</summary>
    public bool IsLate(DateTimeOffset detectedAt, DateTimeOffset receivedAt) => receivedAt - detectedAt > Horizon;
}

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
/// <param name="Late">
/// The page's evidence was older than the late-page horizon when the cell received it: the stage deadlines count from
/// <paramref name="OpenedAt"/>, when the cell learned of it, not from <paramref name="DetectedAt"/>, already long past.
/// </param>
/// <param name="Quiet">Late, and the cell pages nobody for late buzz: the incident is visible, no one is notified.</param>
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
    DateTimeOffset OpenedAt,
    bool Late = false,
    bool Quiet = false) : IncidentEvent(IncidentId);

/// <summary>
/// Another page of the same episode: the incident keeps the highest severity and the newest evidence, no second
/// incident opens. <paramref name="Late"/> as on <see cref="IncidentOpened"/>; an on-time page ends a quiet
/// incident's silence (the buzz is live again), and paging counts from <paramref name="RecordedAt"/>.
/// </summary>
public sealed record BuzzEscalationRecorded(
    string IncidentId,
    string EscalationId,
    int Severity,
    DateTimeOffset DetectedAt,
    IncidentEvidence Evidence,
    string RecordedBy,
    DateTimeOffset RecordedAt,
    bool Late = false) : IncidentEvent(IncidentId);

/// <summary>
/// A page detected before the incident's detection time arrived after it opened (the episode's pages were consumed out
/// of order): detection moves to the page's, and the stages are rescheduled from it, unless the incident's deadlines
/// count from when the cell learned of it (late evidence).
/// </summary>
public sealed record IncidentDetectedEarlier(
    string IncidentId,
    string EscalationId,
    DateTimeOffset DetectedAt,
    DateTimeOffset? OnsetAt,
    IReadOnlyList<ScheduledStage> Stages,
    string RecordedBy,
    DateTimeOffset RecordedAt) : IncidentEvent(IncidentId);
