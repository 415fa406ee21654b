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

/// <summary>One line of the post-mortem's timeline: when, what, who, and the words recorded (user text, escaped when written).</summary>
public sealed record TimelineLine(DateTimeOffset At, string What, string Who, string Detail);

/// <summary>The incident's events and its episode's buzz events as one timeline, in time order (stream order on ties).</summary>
public static class TimelineLines
{
    public const string Detector = "detector";

    public static IReadOnlyList<TimelineLine> Of(IncidentFacts facts)
    {
        var bucket = TimeSpan.FromMinutes(facts.Series.BucketMinutes);
        var episode = IncidentMeasurement.Fold(facts.Events).EpisodeId;
        var buzz = facts.BuzzEvents.Where(e => episode is not null && IncidentMeasurement.EpisodeOf(e) == episode).Select(e => Describe(e, bucket)).OfType<TimelineLine>();
        return [.. facts.Events.Select(Describe).Concat(buzz).OrderBy(l => l.At)];
    }

    public static TimelineLine Describe(IncidentEvent e) => e switch
    {
        IncidentOpened o => new(o.OpenedAt, "Incident opened", o.OpenedBy,
            Invariant($"{o.Title}; severity {o.Severity}; detected at {Stamp(o.DetectedAt)}{(o.OnsetAt is { } onset ? $", onset {Stamp(onset)}" : "")}{LateNote(o)}")),
        BuzzEscalationRecorded b => new(b.RecordedAt, "Buzz escalated", b.RecordedBy,
            Invariant($"severity {b.Severity}, detected at {Stamp(b.DetectedAt)}{(b.Late ? " (late page)" : "")}")),
        IncidentDetectedEarlier d => new(d.RecordedAt, "Detection moved earlier", d.RecordedBy,
            Invariant($"page {d.EscalationId} was detected first, at {Stamp(d.DetectedAt)}; stage deadlines follow it")),
        IncidentAcknowledged a => new(a.AcknowledgedAt, "Acknowledged", a.AcknowledgedBy, ""),
        IncidentEscalated x => new(x.EscalatedAt, "Escalated", x.EscalatedBy, Invariant($"level {x.Level}: {x.Reason}")),
        RoleAssigned r => new(r.AssignedAt, "Role assigned", r.AssignedBy, $"{r.Role}: {r.Assignee}"),
        NoteAdded n => new(n.AddedAt, "Note", n.AddedBy, n.Text),
        DecisionRecorded d => new(d.DecidedAt, "Decision", d.DecidedBy, $"{d.Decision} (why: {d.Rationale})"),
        StageAdvanced s => new(s.AdvancedAt, "Stage advanced", s.AdvancedBy,
            $"{s.FromStageId} → {s.ToStageId}{(s.UntickedItems.Count > 0 ? "; left unticked: " + string.Join(", ", s.UntickedItems) : "")}"),
        ChecklistItemTicked t => new(t.TickedAt, "Checklist item ticked", t.TickedBy, $"{t.StageId} / {t.ItemId}"),
        PublicResponseRecorded p => new(p.PublishedAt, "Public response published", p.RecordedBy, $"{p.Channel} ({p.Language}) {p.Url}: {p.Text}"),
        StatementDrafted d => new(d.DraftedAt, "Statement drafted", d.DraftedBy, $"{d.StatementId} for {d.Channel} ({d.Language}): {d.Text}"),
        StatementEdited d => new(d.EditedAt, "Statement edited", d.EditedBy, Invariant($"{d.StatementId} revision {d.Revision}: {d.Text}")),
        StatementApproved a => new(a.ApprovedAt, "Statement approved", a.ApprovedBy, Invariant($"{a.StatementId} revision {a.Revision}")),
        StatementPublished p => new(p.PublishedAt, "Statement published", p.RecordedBy, Invariant($"{p.StatementId} revision {p.Revision}: {p.Url}")),
        ContentRemovalRecorded c => new(c.RecordedAt, "Content removed", c.RecordedBy, $"{c.Channel} {c.Url}: {c.Reason}. Warning: {c.Warning}"),
        MonitoringStarted m => new(m.StartedAt, "Monitoring started", m.StartedBy,
            m.SkippedStageIds.Count > 0 ? "skipped stages: " + string.Join(", ", m.SkippedStageIds) : ""),
        IncidentResolved r => new(r.ResolvedAt, "Resolved", r.ResolvedBy, r.Resolution),
        IncidentClosed c => new(c.ClosedAt, "Closed", c.ClosedBy, c.PostMortem),
        IncidentReopened r => new(r.ReopenedAt, "Reopened", r.ReopenedBy, r.Reason),
        StageDeadlineMissed m => new(m.NoticedAt, "Stage deadline missed", "system:stage-deadline", $"{m.StageId} (deadline {Stamp(m.Deadline)})"),
        NotificationSent n => new(n.SentAt, "Notification sent", "system:notifications", Delivery(n.Delivery)),
        NotificationFailed f => new(f.FailedAt, "Notification failed", "system:notifications", $"{Delivery(f.Delivery)}: {f.Reason}"),
        NotificationSuppressed s => new(s.SuppressedAt, "Notification suppressed", "system:notifications", $"{Delivery(s.Delivery)}: {s.Why}"),
        // Never skipped silently: an event this report does not know yet still shows, by its stored name.
        _ => new(DateTimeOffset.MinValue, IncidentEventNames.Of(e), "", "(not described by this report version)"),
    };

    private static string LateNote(IncidentOpened o) =>
        !o.Late ? "" : o.Quiet ? "; late page: deadlines from opening, nobody paged" : "; late page: deadlines from opening";

    /// <summary>Buzz decisions are taken at the end of their bucket (event time), as detection is.</summary>
    public static TimelineLine? Describe(BuzzEvent e, TimeSpan bucket) => e switch
    {
        BuzzPhaseChanged c => new(c.Bucket + bucket, "Buzz phase changed", Detector, Invariant($"{c.From} → {c.To}, severity {c.Severity}, bucket {Stamp(c.Bucket)}")),
        BuzzEscalated x => new(x.DetectedAt, "Detector paged", Detector,
            Invariant($"{x.Kind}, severity {x.Severity}, anomaly {x.AnomalyScore:0.##}, negative share {Share(x.Evidence.NegativeShare)}, velocity ×{x.Evidence.Velocity:0.##}")),
        AlertSuppressedByCampaign s => new(s.Bucket + bucket, "Page suppressed by campaign", s.DeclaredBy, $"{s.CampaignName} ({s.CampaignId}), severity {s.Severity}"),
        BuzzSubsided s => new(s.Bucket + bucket, "Buzz subsided", Detector, Invariant($"back to calm; peak severity {s.PeakSeverity}")),
        _ => null,
    };

    internal static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    internal static string Share(double? share) => share is { } s ? s.ToString("0.#%", CultureInfo.InvariantCulture) : "—";

    private static string Delivery(NotificationDelivery d) =>
        Invariant($"{d.Kind} level {d.Level} to {d.Recipient} via {d.Endpoint} (attempt {d.Attempt})");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
