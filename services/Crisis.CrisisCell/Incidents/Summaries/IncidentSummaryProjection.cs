using Crisis.CrisisCell.Incidents.Acknowledging;
using Crisis.CrisisCell.Incidents.CheckingDeadlines;
using Crisis.CrisisCell.Incidents.Closing;
using Crisis.CrisisCell.Incidents.Escalating;
using Crisis.CrisisCell.Incidents.Monitoring;
using Crisis.CrisisCell.Incidents.Opening;
using Crisis.CrisisCell.Incidents.Reopening;
using Crisis.CrisisCell.Incidents.Resolving;
using Crisis.CrisisCell.Incidents.WalkingThePlaybook;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Crisis.CrisisCell.Incidents.Summaries;

/// <summary>
/// Folds an incident's events into its summary. One explicit Evolve (not one Apply per event) so every incident
/// event is seen here, and the ones that do not change the summary still move its version. No helper may be named
/// Apply or Create: Marten would take it for a conventional method and refuse the mix.
/// </summary>
public sealed class IncidentSummaryProjection : SingleStreamProjection<IncidentSummary, string>
{
    public IncidentSummaryProjection()
    {
        foreach (var type in IncidentEventNames.ByType.Keys) IncludeType(type);
    }

    public override IncidentSummary? Evolve(IncidentSummary? snapshot, string id, IEvent e)
    {
        if (e.Data is IncidentOpened opened) snapshot = Open(id, opened);
        else if (snapshot is null || e.Data is not IncidentEvent) return snapshot;
        else Update(snapshot, (IncidentEvent)e.Data);

        snapshot.Version = e.Version;
        snapshot.NextStageDeadline = NextStageDeadline(snapshot);
        return snapshot;
    }

    private static IncidentSummary Open(string id, IncidentOpened e) => new()
    {
        Id = id,
        IncidentId = e.IncidentId,
        OrganisationId = e.OrganisationId,
        BrandId = e.BrandId,
        Title = e.Title,
        Source = e.Source,
        EpisodeId = e.EpisodeId,
        PreviousIncidentId = e.PreviousIncidentId,
        Status = IncidentStatus.Opened,
        Severity = e.Severity,
        DetectedAt = e.DetectedAt,
        OpenedAt = e.OpenedAt,
        Late = e.Late,
        Quiet = e.Quiet,
        Stages = [.. e.Stages.Select(s => new StageDeadline(s.StageId, s.Name, s.Deadline))],
        CurrentStageId = e.Stages.Count > 0 ? e.Stages[0].StageId : null,
        CurrentStageName = e.Stages.Count > 0 ? e.Stages[0].Name : null,
        EscalationIds = e.EscalationId is null ? [] : [e.EscalationId],
    };

    private static void Update(IncidentSummary summary, IncidentEvent e)
    {
        switch (e)
        {
            case BuzzEscalationRecorded recorded:
                summary.Severity = Math.Max(summary.Severity, recorded.Severity);
                summary.EscalationIds.Add(recorded.EscalationId);
                // As the decider does: an on-time page ends a quiet incident's silence.
                summary.Quiet = summary.Quiet && recorded.Late;
                break;
            case IncidentDetectedEarlier earlier:
                summary.DetectedAt = earlier.DetectedAt;
                summary.Stages = [.. earlier.Stages.Select(s => new StageDeadline(s.StageId, s.Name, s.Deadline))];
                break;
            case IncidentAcknowledged acknowledged:
                summary.Status = IncidentStatus.Acknowledged;
                summary.AcknowledgedBy = acknowledged.AcknowledgedBy;
                summary.AcknowledgedAt = acknowledged.AcknowledgedAt;
                break;
            case IncidentEscalated escalated:
                summary.EscalationLevel = Math.Max(summary.EscalationLevel, escalated.Level);
                break;
            case StageAdvanced advanced:
                summary.CurrentStageIndex = summary.Stages.FindIndex(s => s.StageId == advanced.ToStageId);
                summary.CurrentStageId = advanced.ToStageId;
                summary.CurrentStageName = summary.Stages[summary.CurrentStageIndex].Name;
                break;
            case StageDeadlineMissed missed:
                summary.MissedStageIds.Add(missed.StageId);
                break;
            case MonitoringStarted:
                summary.Status = IncidentStatus.Monitoring;
                break;
            case IncidentResolved resolved:
                summary.Status = IncidentStatus.Resolved;
                summary.ResolvedAt = resolved.ResolvedAt;
                break;
            case IncidentClosed closed:
                summary.Status = IncidentStatus.Closed;
                summary.ClosedAt = closed.ClosedAt;
                break;
            case IncidentReopened:
                // As the decider does: reopened means paged again from level 1, to be acknowledged again.
                summary.Status = IncidentStatus.Opened;
                summary.AcknowledgedBy = null;
                summary.AcknowledgedAt = null;
                summary.ResolvedAt = null;
                summary.EscalationLevel = 1;
                break;
        }
    }

    /// <summary>The same rule as <see cref="Incident.NextStageDeadline"/>, on the summary's copy of the stages.</summary>
    private static DateTimeOffset? NextStageDeadline(IncidentSummary summary) =>
        summary.Status is IncidentStatus.Opened or IncidentStatus.Acknowledged
            ? summary.Stages.Skip(summary.CurrentStageIndex).Where(s => !summary.MissedStageIds.Contains(s.StageId)).Select(s => (DateTimeOffset?)s.Deadline).Min()
            : null;
}
