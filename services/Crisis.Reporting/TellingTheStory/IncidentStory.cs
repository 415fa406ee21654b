using Crisis.CrisisCell.Incidents;
using Crisis.CrisisCell.Notifying.Delivering;
using Crisis.CrisisCell.OnCall.Planning;
using Crisis.Reporting.Measuring;
using Crisis.Reporting.WritingPostMortems;

namespace Crisis.Reporting.TellingTheStory;

/// <summary>
/// An incident told in a few lines of plain text, in the reader's language and zone: what was detected when, who was
/// paged, who has it, what the playbook asks next, then what happened. <c>crisis incidents</c> prints it, and so the demo's
/// summary (<c>ops/run.sh</c>). Texts come from the post-mortem's catalogue (story.*), so both read alike.
/// </summary>
public static class IncidentStory
{
    public static IReadOnlyList<string> Tell(IReadOnlyList<IncidentEvent> events, string? brandName, DateTimeOffset now, ReportReader r)
    {
        var incident = IncidentMeasurement.Fold(events);
        var lines = new List<string>
        {
            r.T("story.headline", ("id", incident.IncidentId), ("title", r.Title(incident.Title, incident.BrandId, brandName)), ("brand", brandName ?? incident.BrandId),
                ("severity", incident.Severity), ("status", r.Named("status", incident.Status.ToString()))),
        };
        var indent = new List<string>
        {
            incident.OnsetAt is { } onset
                ? r.T("story.detected", ("detected", r.Stamp(incident.DetectedAt)), ("minutes", (int)Math.Round((incident.DetectedAt - onset).TotalMinutes)), ("onset", r.Stamp(onset)))
                : r.T("story.detectedNoOnset", ("detected", r.Stamp(incident.DetectedAt))),
            r.T(incident.Late ? "story.openedLate" : "story.opened", ("opened", r.Stamp(incident.OpenedAt)), ("by", TimelineLines.Who(r, OpenedBy(events)))),
        };
        if (incident.Quiet) indent.Add(r.T("story.quiet"));
        indent.AddRange(Paged(events, r));
        indent.Add(Owner(incident, r));
        indent.AddRange(Next(incident, now, r));
        indent.Add(r.T("story.zone", ("zone", r.Zone.Id)));
        indent.Add(r.T("story.timeline"));
        lines.AddRange(indent.Select(l => "  " + l));
        foreach (var line in events.Select(e => TimelineLines.Describe(e, r, brandName)).OfType<TimelineLine>())
            lines.Add($"    {r.Stamp(line.At)}  {line.What} — {line.Who}{(line.Detail.Length > 0 ? ": " + line.Detail : "")}");
        return lines;
    }

    private static string OpenedBy(IReadOnlyList<IncidentEvent> events) =>
        events.OfType<CrisisCell.Incidents.Opening.IncidentOpened>().First().OpenedBy;

    /// <summary>Who was told, through which endpoint, at which on-call level: one line per delivery's outcome, none for the machinery.</summary>
    private static List<string> Paged(IReadOnlyList<IncidentEvent> events, ReportReader r)
    {
        var told = events.Select(e => e switch
        {
            NotificationSent s => r.T("story.paged", ("recipient", s.Delivery.Recipient), ("endpoint", s.Delivery.Endpoint), ("level", s.Delivery.Level),
                ("kind", Kind(s.Delivery.Kind, r)), ("at", r.Stamp(s.SentAt))),
            NotificationFailed f => r.T("story.pageFailed", ("recipient", f.Delivery.Recipient), ("endpoint", f.Delivery.Endpoint), ("at", r.Stamp(f.FailedAt)), ("reason", f.Reason)),
            _ => null,
        }).OfType<string>().ToList();
        return told.Count > 0 ? told : [r.T("story.notPaged")];
    }

    private static string Kind(NotificationKind kind, ReportReader r) => r.Named("notificationKind", kind.ToString());

    /// <summary>The incident lead when one is named, else who acknowledged it, else nobody yet.</summary>
    private static string Owner(Incident incident, ReportReader r) =>
        incident.Roles.TryGetValue(IncidentRole.IncidentLead, out var lead) ? r.T("story.lead", ("name", lead))
        : incident.AcknowledgedBy is { } who && incident.AcknowledgedAt is { } at ? r.T("story.acknowledged", ("name", who), ("at", r.Stamp(at)))
        : r.T("story.nobody");

    /// <summary>The current stage, its deadline against now, and its checklist items not yet done (default texts translated).</summary>
    private static IEnumerable<string> Next(Incident incident, DateTimeOffset now, ReportReader r)
    {
        if (incident.Status is not (IncidentStatus.Opened or IncidentStatus.Acknowledged) || incident.CurrentStage is not { } stage)
        {
            yield return r.T("story.nothingDue", ("status", r.Named("status", incident.Status.ToString())));
            yield break;
        }
        var minutes = (int)Math.Round(Math.Abs((stage.Deadline - now).TotalMinutes));
        yield return r.T(stage.Deadline >= now ? "story.nextDue" : "story.nextOverdue",
            ("stage", r.Shipped($"stage.{stage.StageId}", stage.Name)), ("due", r.Stamp(stage.Deadline, seconds: false)), ("minutes", minutes));
        var undone = stage.Checklist.Where(i => !incident.IsTicked(stage.StageId, i.Id)).ToList();
        if (undone.Count == 0) yield break;
        yield return r.T("story.toDo");
        foreach (var item in undone) yield return "  - " + r.Shipped($"checklist.{stage.StageId}.{item.Id}", item.Text);
    }
}
