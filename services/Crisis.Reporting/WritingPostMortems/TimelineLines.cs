using System.Globalization;
using Crisis.CrisisCell.Incidents;
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
using Crisis.Detection.Buzz;
using Crisis.Reporting.Measuring;

namespace Crisis.Reporting.WritingPostMortems;

/// <summary>Which clock a time was read on: the posts' publication (what the detector decides on) or the moment a step was recorded.</summary>
public enum Clock
{
    /// <summary>When a step was recorded: what people, the cell and the notifications did.</summary>
    Wall,
    /// <summary>When the posts were published, as the detector reads them: onsets, detections, the detector's decisions.</summary>
    Event,
}

/// <summary>
/// One line of the post-mortem's timeline, in the reader's language: when (on which clock), what, who, and the detail,
/// where words people recorded (titles, notes, reasons, statements) are kept as written (escaped when the page is written).
/// </summary>
public sealed record TimelineLine(DateTimeOffset At, Clock Clock, string What, string Who, string Detail);

/// <summary>
/// The incident's events and its episode's buzz events as one timeline, in time order (stream order on ties). The
/// delivery machinery (a node claiming a delivery) is folded into the line saying who was notified and how.
/// </summary>
public static class TimelineLines
{
    public const string Detector = "detector";

    public static IReadOnlyList<TimelineLine> Of(IncidentFacts facts, ReportReader? reader = null, string? brandName = null)
    {
        var r = reader ?? ReportReader.Default;
        var bucket = TimeSpan.FromMinutes(facts.Series.BucketMinutes);
        var episode = IncidentMeasurement.Fold(facts.Events).EpisodeId;
        var buzz = facts.BuzzEvents.Where(e => episode is not null && IncidentMeasurement.EpisodeOf(e) == episode).Select(e => Describe(e, bucket, r)).OfType<TimelineLine>();
        return [.. facts.Events.Select(e => Describe(e, r, brandName)).OfType<TimelineLine>().Concat(buzz).OrderBy(l => l.At)];
    }

    /// <summary>The line of one incident event; none for the delivery machinery, which the sent, failed or held-back line tells.</summary>
    public static TimelineLine? Describe(IncidentEvent e, ReportReader r, string? brandName = null) => e switch
    {
        IncidentOpened o => Line(r, o.OpenedAt, "incidentOpened", o.OpenedBy, Opened(o, r, brandName)),
        BuzzEscalationRecorded b => Line(r, b.RecordedAt, "buzzEscalated", b.RecordedBy,
            Join(r, r.T("detail.escalationRecorded", ("severity", b.Severity), ("detected", r.Stamp(b.DetectedAt))), b.Late ? r.T("detail.latePageShort") : null)),
        IncidentDetectedEarlier d => Line(r, d.RecordedAt, "detectionMovedEarlier", d.RecordedBy,
            r.T("detail.detectedEarlier", ("escalation", d.EscalationId), ("detected", r.Stamp(d.DetectedAt)))),
        IncidentAcknowledged a => Line(r, a.AcknowledgedAt, "acknowledged", a.AcknowledgedBy, ""),
        IncidentEscalated x => Line(r, x.EscalatedAt, "escalated", x.EscalatedBy, r.T("detail.escalated", ("level", x.Level), ("reason", x.Reason))),
        RoleAssigned a => Line(r, a.AssignedAt, "roleAssigned", a.AssignedBy, r.T("detail.roleAssigned", ("role", r.Named("role", a.Role.ToString())), ("assignee", a.Assignee))),
        NoteAdded n => Line(r, n.AddedAt, "note", n.AddedBy, n.Text),
        DecisionRecorded d => Line(r, d.DecidedAt, "decision", d.DecidedBy, r.T("detail.decision", ("decision", d.Decision), ("rationale", d.Rationale))),
        StageAdvanced s => Line(r, s.AdvancedAt, "stageAdvanced", s.AdvancedBy,
            Join(r, r.T("detail.stageAdvanced", ("from", Stage(r, s.FromStageId)), ("to", Stage(r, s.ToStageId))),
                s.UntickedItems.Count > 0 ? r.T("detail.leftUnticked", ("items", string.Join(", ", s.UntickedItems.Select(i => Item(r, s.FromStageId, i))))) : null)),
        ChecklistItemTicked t => Line(r, t.TickedAt, "checklistItemTicked", t.TickedBy, r.T("detail.ticked", ("stage", Stage(r, t.StageId)), ("item", Item(r, t.StageId, t.ItemId)))),
        PublicResponseRecorded p => Line(r, p.PublishedAt, "publicResponsePublished", p.RecordedBy,
            r.T("detail.publicResponse", ("channel", p.Channel), ("language", p.Language), ("url", p.Url), ("text", p.Text))),
        StatementDrafted d => Line(r, d.DraftedAt, "statementDrafted", d.DraftedBy,
            r.T("detail.statementDrafted", ("statement", d.StatementId), ("channel", d.Channel), ("language", d.Language), ("text", d.Text))),
        StatementEdited d => Line(r, d.EditedAt, "statementEdited", d.EditedBy, r.T("detail.statementEdited", ("statement", d.StatementId), ("revision", d.Revision), ("text", d.Text))),
        StatementApproved a => Line(r, a.ApprovedAt, "statementApproved", a.ApprovedBy, r.T("detail.statementApproved", ("statement", a.StatementId), ("revision", a.Revision))),
        StatementPublished p => Line(r, p.PublishedAt, "statementPublished", p.RecordedBy,
            r.T("detail.statementPublished", ("statement", p.StatementId), ("revision", p.Revision), ("url", p.Url))),
        ContentRemovalRecorded c => Line(r, c.RecordedAt, "contentRemoved", c.RecordedBy,
            r.T("detail.contentRemoved", ("channel", c.Channel), ("url", c.Url), ("reason", c.Reason), ("warning", c.Warning))),
        MonitoringStarted m => Line(r, m.StartedAt, "monitoringStarted", m.StartedBy,
            m.SkippedStageIds.Count > 0 ? r.T("detail.skippedStages", ("stages", string.Join(", ", m.SkippedStageIds.Select(s => Stage(r, s))))) : ""),
        IncidentResolved x => Line(r, x.ResolvedAt, "resolved", x.ResolvedBy, x.Resolution),
        IncidentClosed c => Line(r, c.ClosedAt, "closed", c.ClosedBy, c.PostMortem),
        IncidentReopened x => Line(r, x.ReopenedAt, "reopened", x.ReopenedBy, x.Reason),
        StageDeadlineMissed m => Line(r, m.NoticedAt, "stageDeadlineMissed", "system:stage-deadline",
            r.T("detail.deadlineMissed", ("stage", Stage(r, m.StageId)), ("deadline", r.Stamp(m.Deadline)))),
        NotificationSent n => Line(r, n.SentAt, "notificationSent", "system:notifications", Delivery(n.Delivery, r)),
        NotificationFailed f => Line(r, f.FailedAt, "notificationFailed", "system:notifications", r.T("detail.deliveryOutcome", ("delivery", Delivery(f.Delivery, r)), ("reason", f.Reason))),
        NotificationSuppressed s => Line(r, s.SuppressedAt, "notificationSuppressed", "system:notifications", r.T("detail.deliveryOutcome", ("delivery", Delivery(s.Delivery, r)), ("reason", s.Why))),
        // Machinery: which node claimed a delivery. Its outcome's line says who was notified and how.
        NotificationDispatching => null,
        // Never skipped silently: an event this report does not know yet still shows, by its stored name.
        _ => new(DateTimeOffset.MinValue, Clock.Wall, IncidentEventNames.Of(e), "", r.T("detail.unknown")),
    };

    /// <summary>Buzz decisions are taken at the end of their bucket, on event time, as detection is.</summary>
    public static TimelineLine? Describe(BuzzEvent e, TimeSpan bucket, ReportReader r) => e switch
    {
        BuzzPhaseChanged c => new(c.Bucket + bucket, Clock.Event, r.T("what.buzzPhaseChanged"), Who(r, Detector),
            r.T("detail.phaseChanged", ("from", r.Named("phase", c.From.ToString())), ("to", r.Named("phase", c.To.ToString())), ("severity", c.Severity), ("bucket", r.Stamp(c.Bucket, seconds: false)))),
        BuzzEscalated x => new(x.DetectedAt, Clock.Event, r.T("what.detectorPaged"), Who(r, Detector),
            r.T("detail.detectorPaged", ("kind", r.Named("alertKind", x.Kind.ToString())), ("severity", x.Severity), ("anomaly", r.Language.Number(x.AnomalyScore, "0.##")),
                ("share", r.Share(x.Evidence.NegativeShare)), ("velocity", r.Language.Number(x.Evidence.Velocity, "0.##")))),
        AlertSuppressedByCampaign s => new(s.Bucket + bucket, Clock.Event, r.T("what.pageSuppressedByCampaign"), Who(r, s.DeclaredBy),
            r.T("detail.campaign", ("campaign", s.CampaignName), ("campaignId", s.CampaignId), ("severity", s.Severity))),
        BuzzSubsided s => new(s.Bucket + bucket, Clock.Event, r.T("what.buzzSubsided"), Who(r, Detector), r.T("detail.subsided", ("severity", s.PeakSeverity))),
        _ => null,
    };

    /// <summary>A default stage's name in the reader's language; an organisation's own stage by its id.</summary>
    public static string Stage(ReportReader r, string stageId) => r.Named("stage", stageId);

    private static string Item(ReportReader r, string stageId, string itemId) => r.Named($"checklist.{stageId}", itemId);

    /// <summary>Who acted: the system's own actors named in the reader's language, people by the name they signed in with.</summary>
    public static string Who(ReportReader r, string actor) => r.Named("who", actor);

    private static TimelineLine Line(ReportReader r, DateTimeOffset at, string what, string who, string detail) =>
        new(at, Clock.Wall, r.T($"what.{what}"), Who(r, who), detail);

    private static string Opened(IncidentOpened o, ReportReader r, string? brandName) => Join(r,
        r.T("detail.opened", ("title", r.Title(o.Title, o.BrandId, brandName)), ("severity", o.Severity), ("detected", r.Stamp(o.DetectedAt))),
        o.OnsetAt is { } onset ? r.T("detail.onset", ("onset", r.Stamp(onset))) : null,
        !o.Late ? null : r.T(o.Quiet ? "detail.latePageQuiet" : "detail.latePage"));

    private static string Join(ReportReader r, params string?[] parts) => string.Join(r.T("detail.separator"), parts.Where(p => !string.IsNullOrEmpty(p)));

    internal static string Share(double? share) => share is { } s ? s.ToString("0.#%", CultureInfo.InvariantCulture) : "—";

    private static string Delivery(NotificationDelivery d, ReportReader r) =>
        r.T("detail.delivery", ("kind", r.Named("notificationKind", d.Kind.ToString())), ("recipient", d.Recipient), ("endpoint", d.Endpoint), ("level", d.Level), ("attempt", d.Attempt));
}
