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

namespace Crisis.CrisisCell.Incidents;

/// <summary>
/// The stored name of every incident event. Stable on purpose: renaming or moving a CLR type must never orphan
/// stored events, and the timeline shows these names to API clients.
/// </summary>
public static class IncidentEventNames
{
    public static readonly IReadOnlyDictionary<Type, string> ByType = new Dictionary<Type, string>
    {
        [typeof(IncidentOpened)] = "incident_opened",
        [typeof(BuzzEscalationRecorded)] = "buzz_escalation_recorded",
        [typeof(IncidentDetectedEarlier)] = "incident_detected_earlier",
        [typeof(IncidentAcknowledged)] = "incident_acknowledged",
        [typeof(IncidentEscalated)] = "incident_escalated",
        [typeof(RoleAssigned)] = "incident_role_assigned",
        [typeof(NoteAdded)] = "incident_note_added",
        [typeof(DecisionRecorded)] = "incident_decision_recorded",
        [typeof(StageAdvanced)] = "incident_stage_advanced",
        [typeof(ChecklistItemTicked)] = "incident_checklist_item_ticked",
        [typeof(PublicResponseRecorded)] = "incident_public_response_recorded",
        [typeof(ContentRemovalRecorded)] = "incident_content_removal_recorded",
        [typeof(StatementDrafted)] = "incident_statement_drafted",
        [typeof(StatementEdited)] = "incident_statement_edited",
        [typeof(StatementApproved)] = "incident_statement_approved",
        [typeof(StatementPublished)] = "incident_statement_published",
        [typeof(MonitoringStarted)] = "incident_monitoring_started",
        [typeof(IncidentResolved)] = "incident_resolved",
        [typeof(IncidentClosed)] = "incident_closed",
        [typeof(IncidentReopened)] = "incident_reopened",
        [typeof(StageDeadlineMissed)] = "incident_stage_deadline_missed",
        [typeof(NotificationSent)] = "incident_notification_sent",
        [typeof(NotificationFailed)] = "incident_notification_failed",
        [typeof(NotificationSuppressed)] = "incident_notification_suppressed",
        [typeof(NotificationDispatching)] = "incident_notification_dispatching",
    };

    public static string Of(IncidentEvent e) =>
        ByType.TryGetValue(e.GetType(), out var name) ? name : throw new InvalidOperationException($"incident event {e.GetType().Name} has no stored name");
}
