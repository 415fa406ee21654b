using Crisis.CrisisCell.Incidents.Acknowledging;
using Crisis.CrisisCell.Incidents.ApprovingStatements;
using Crisis.CrisisCell.Incidents.AssigningRoles;
using Crisis.CrisisCell.Incidents.CheckingDeadlines;
using Crisis.CrisisCell.Incidents.Closing;
using Crisis.CrisisCell.Incidents.Deciding;
using Crisis.CrisisCell.Incidents.Escalating;
using Crisis.CrisisCell.Incidents.Monitoring;
using Crisis.CrisisCell.Incidents.Noting;
using Crisis.CrisisCell.Incidents.Opening;
using Crisis.CrisisCell.Incidents.RecordingResponses;
using Crisis.CrisisCell.Incidents.Reopening;
using Crisis.CrisisCell.Incidents.Resolving;
using Crisis.CrisisCell.Incidents.WalkingThePlaybook;
using Crisis.CrisisCell.Notifying.Delivering;
using Crisis.ServiceDefaults.EventSourcing;

namespace Crisis.CrisisCell.Incidents;

/// <summary>
/// The incident write model. Decide dispatches to the use case that owns the command (one gerund folder each);
/// Evolve is kept in one place so the whole life of an incident reads top to bottom.
/// </summary>
public static class IncidentDecider
{
    public static readonly Decider<IncidentState, IncidentCommand, IncidentEvent> Instance = new(Decide, Evolve, new IncidentState.NotOpened());

    public static IReadOnlyList<IncidentEvent> Decide(IncidentCommand command, IncidentState state) => command switch
    {
        OpenIncidentFromBuzz c => Opening.Opening.Decide(c, state),
        OpenIncidentByHand c => Opening.Opening.Decide(c, state),
        AcknowledgeIncident c => Acknowledging.Acknowledging.Decide(c, state),
        EscalateIncident c => Escalating.Escalating.Decide(c, state),
        AssignRole c => AssigningRoles.AssigningRoles.Decide(c, state),
        AddNote c => Noting.Noting.Decide(c, state),
        RecordDecision c => Deciding.Deciding.Decide(c, state),
        AdvanceStage c => AdvancingStages.Decide(c, state),
        TickChecklistItem c => TickingChecklist.Decide(c, state),
        RecordPublicResponse c => RecordingPublicResponses.Decide(c, state),
        RecordContentRemoval c => RecordingContentRemovals.Decide(c, state),
        DraftStatement c => ApprovingStatements.ApprovingStatements.Decide(c, state),
        EditStatement c => ApprovingStatements.ApprovingStatements.Decide(c, state),
        ApproveStatement c => ApprovingStatements.ApprovingStatements.Decide(c, state),
        PublishStatement c => ApprovingStatements.ApprovingStatements.Decide(c, state),
        StartMonitoring c => StartingMonitoring.Decide(c, state),
        ResolveIncident c => Resolving.Resolving.Decide(c, state),
        CloseIncident c => Closing.Closing.Decide(c, state),
        ReopenIncident c => Reopening.Reopening.Decide(c, state),
        CheckDeadlines c => CheckingDeadlines.CheckingDeadlines.Decide(c, state),
        RecordNotificationOutcome c => RecordingNotificationOutcomes.Decide(c, state),
        RecordNotificationDispatching c => RecordingNotificationOutcomes.Decide(c, state),
        _ => throw new InvalidOperationException($"unknown incident command {command.GetType().Name}"),
    };

    public static IncidentState Evolve(IncidentState state, IncidentEvent @event)
    {
        if (@event is IncidentOpened opened)
            return Open(opened);
        if (state is not Incident incident)
            throw new InvalidOperationException($"{@event.GetType().Name} on incident '{@event.IncidentId}' before it opened");

        return @event switch
        {
            BuzzEscalationRecorded e => incident with
            {
                Severity = Math.Max(incident.Severity, e.Severity),
                // Pages arrive in any order: the evidence shown is the newest page's, not the last consumed.
                Evidence = incident.BuzzUpdates.All(u => u.DetectedAt <= e.DetectedAt) ? e.Evidence : incident.Evidence,
                BuzzUpdates = incident.BuzzUpdates.Add(new BuzzUpdate(e.EscalationId, e.Severity, e.DetectedAt, e.RecordedAt)),
                // An on-time page ends a quiet incident's silence: the buzz is live, and paging starts now.
                Quiet = incident.Quiet && e.Late,
                PagingSince = incident.Quiet && !e.Late ? e.RecordedAt : incident.PagingSince,
            },
            IncidentDetectedEarlier e => incident with { DetectedAt = e.DetectedAt, OnsetAt = e.OnsetAt ?? incident.OnsetAt, Stages = e.Stages },
            IncidentAcknowledged e => incident with
            {
                Status = IncidentStatus.Acknowledged,
                AcknowledgedBy = e.AcknowledgedBy,
                AcknowledgedAt = e.AcknowledgedAt,
            },
            IncidentEscalated e => incident with { EscalationLevel = Math.Max(incident.EscalationLevel, e.Level), LastEscalatedAt = e.EscalatedAt },
            RoleAssigned e => incident with { Roles = incident.Roles.SetItem(e.Role, e.Assignee) },
            NoteAdded e => incident with { NoteIds = incident.NoteIds.Add(e.NoteId) },
            DecisionRecorded e => incident with { DecisionIds = incident.DecisionIds.Add(e.DecisionId) },
            StageAdvanced e => incident with { CurrentStageIndex = AdvancingStages.IndexOf(incident, e.ToStageId) },
            ChecklistItemTicked e => incident with { TickedItems = incident.TickedItems.Add(Incident.ChecklistKey(e.StageId, e.ItemId)) },
            PublicResponseRecorded e => incident with
            {
                PublicResponses = incident.PublicResponses.Add(new PublicResponse(e.Channel, e.Url, e.Text, e.Language, e.PublishedAt, e.RecordedBy)),
            },
            ContentRemovalRecorded e => incident with
            {
                ContentRemovals = incident.ContentRemovals.Add(new ContentRemoval(e.Channel, e.Url, e.Reason, e.RecordedBy, e.RecordedAt)),
            },
            StatementDrafted or StatementEdited or StatementApproved or StatementPublished => ApprovingStatements.ApprovingStatements.Apply(incident, @event),
            MonitoringStarted => incident with { Status = IncidentStatus.Monitoring },
            IncidentResolved e => incident with { Status = IncidentStatus.Resolved, ResolvedAt = e.ResolvedAt },
            IncidentClosed e => incident with { Status = IncidentStatus.Closed, ClosedAt = e.ClosedAt },
            IncidentReopened e => incident with
            {
                Status = IncidentStatus.Opened,
                PagingSince = e.ReopenedAt,
                AcknowledgedBy = null,
                AcknowledgedAt = null,
                ResolvedAt = null,
                // A new round of paging starts from level 1: the earlier escalation was answered.
                EscalationLevel = 1,
                ReopenCount = incident.ReopenCount + 1,
            },
            StageDeadlineMissed e => incident with { MissedStageIds = incident.MissedStageIds.Add(e.StageId) },
            // Facts projected from the deliveries' own streams: what the cell and the planner must know.
            NotificationSent e => incident with
            {
                Deliveries = incident.Deliveries.Add(new DeliveryRecord(e.Delivery, NotificationOutcome.Sent, e.SentAt)),
            },
            NotificationFailed e => incident with
            {
                Deliveries = incident.Deliveries.Add(new DeliveryRecord(e.Delivery, NotificationOutcome.Failed, e.FailedAt)),
            },
            NotificationDispatching e => incident with { DispatchedKeys = incident.DispatchedKeys.Add(e.Delivery.Key) },
            NotificationSuppressed e => incident with
            {
                Deliveries = incident.Deliveries.Add(new DeliveryRecord(e.Delivery, NotificationOutcome.Suppressed, e.SuppressedAt)),
            },
            _ => throw new InvalidOperationException($"unknown incident event {@event.GetType().Name}"),
        };
    }

    private static Incident Open(IncidentOpened e) =>
        new(e.IncidentId, e.OrganisationId, e.BrandId, e.Title, e.Source, e.EpisodeId, e.PreviousIncidentId, e.Severity,
            e.OnsetAt, e.DetectedAt, e.OpenedAt, e.Evidence, e.Stages)
        {
            BuzzUpdates = e.EscalationId is null ? [] : [new BuzzUpdate(e.EscalationId, e.Severity, e.DetectedAt, e.OpenedAt)],
            Late = e.Late,
            Quiet = e.Quiet,
        };
}
