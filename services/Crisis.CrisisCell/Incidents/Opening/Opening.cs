using Crisis.CrisisCell.Incidents.Reopening;
using Crisis.CrisisCell.Playbooks;

namespace Crisis.CrisisCell.Incidents.Opening;

internal static class Opening
{
    public static IReadOnlyList<IncidentEvent> Decide(OpenIncidentFromBuzz command, IncidentState state)
    {
        Validate(command);
        var late = command.LatePages.IsLate(command.DetectedAt, command.Now);
        if (state is not Incident incident)
        {
            // Below the brand's threshold the detector's page is noise for the cell: nothing opens, nothing is refused.
            if (command.Severity < command.SeverityThreshold)
                return [];
            // Late evidence: counting from detection would find every stage missed at once and escalate at the first
            // deadline check, so the deadlines count from when the cell learned of it.
            var deadlinesFrom = late ? command.Now : command.DetectedAt;
            return
            [
                new IncidentOpened(command.IncidentId, command.OrganisationId, command.BrandId,
                    IncidentTitles.Buzz(command.BrandName ?? command.BrandId), IncidentSource.Buzz, command.EpisodeId, command.EscalationId,
                    command.Severity, command.OnsetAt, command.DetectedAt, command.Evidence,
                    ScheduledStage.From(command.Playbook, deadlinesFrom), command.PreviousIncidentId, command.By, command.Now,
                    Late: late, Quiet: late && !command.LatePages.PageLateBuzzes),
            ];
        }

        if (incident.EpisodeId != command.EpisodeId || incident.BrandId != command.BrandId)
            throw Refusals.Conflict(
                $"incident '{incident.IncidentId}' follows episode '{incident.EpisodeId ?? "(opened by hand)"}' of brand '{incident.BrandId}', not episode '{command.EpisodeId}' of brand '{command.BrandId}'");
        if (incident.HasEscalation(command.EscalationId))
            return [];
        if (incident.Status == IncidentStatus.Closed)
            throw Refusals.Conflict(
                $"incident '{incident.IncidentId}' is closed: a returning buzz opens a new incident with PreviousIncidentId '{incident.IncidentId}'");

        var events = new List<IncidentEvent>
        {
            new BuzzEscalationRecorded(command.IncidentId, command.EscalationId, command.Severity,
                command.DetectedAt, command.Evidence, command.By, command.Now, Late: late),
        };
        // The episode's pages can be consumed in either order; the incident is detected when its first page was. A page
        // below the threshold would have opened nothing, so it moves nothing either: the outcome is the same in any order.
        var earlier = command.DetectedAt < incident.DetectedAt;
        if (earlier && command.Severity >= command.SeverityThreshold)
            events.Add(new IncidentDetectedEarlier(command.IncidentId, command.EscalationId, command.DetectedAt,
                Earliest(incident.OnsetAt, command.OnsetAt), Rescheduled(incident, command.DetectedAt, late), command.By, command.Now));
        // The buzz flared again before the post-mortem: the same incident comes back to life and pages again. Not for a
        // page older than what the incident already knows (old news, consumed late), nor for late evidence the cell
        // was not asked to page for.
        if (incident.Status == IncidentStatus.Resolved && !earlier && (!late || command.LatePages.PageLateBuzzes))
            events.Add(new IncidentReopened(command.IncidentId, $"buzz escalated again ({command.EscalationId})", command.By, command.Now));
        return events;
    }

    /// <summary>
    /// The stages shifted to the earlier detection. Deadlines that count from when the cell learned of the incident
    /// (it opened late) stay put, and so do they for a page that itself arrived late: a deadline never moves on
    /// evidence the cell could not have acted on in time.
    /// </summary>
    private static IReadOnlyList<ScheduledStage> Rescheduled(Incident incident, DateTimeOffset detectedAt, bool pageLate)
    {
        if (incident.Late || pageLate) return incident.Stages;
        var shift = detectedAt - incident.DetectedAt;
        return [.. incident.Stages.Select(s => s with { Deadline = s.Deadline + shift })];
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? known, DateTimeOffset page) => known is { } k && k < page ? k : page;

    public static IReadOnlyList<IncidentEvent> Decide(OpenIncidentByHand command, IncidentState state)
    {
        Refusals.Required(command.IncidentId, "incident id");
        Refusals.Required(command.OrganisationId, "organisation id");
        Refusals.Required(command.BrandId, "brand id");
        Refusals.Required(command.Title, "title");
        Refusals.Required(command.By, "actor");
        Refusals.Invalid(command.Severity < 0, "severity must not be negative");
        ValidatePlaybook(command.Playbook);

        if (state is Incident incident)
        {
            // A retried request opens nothing twice; anything else on this id is a clash.
            if (incident.Source == IncidentSource.Manual && incident.Title == command.Title && incident.BrandId == command.BrandId)
                return [];
            throw Refusals.Conflict($"incident '{incident.IncidentId}' is already open as '{incident.Title}'");
        }

        return
        [
            new IncidentOpened(command.IncidentId, command.OrganisationId, command.BrandId, command.Title, IncidentSource.Manual,
                null, null, command.Severity, null, command.Now, IncidentEvidence.None,
                ScheduledStage.From(command.Playbook, command.Now), command.PreviousIncidentId, command.By, command.Now),
        ];
    }

    private static void Validate(OpenIncidentFromBuzz command)
    {
        Refusals.Required(command.IncidentId, "incident id");
        Refusals.Required(command.OrganisationId, "organisation id");
        Refusals.Required(command.BrandId, "brand id");
        Refusals.Required(command.EpisodeId, "episode id");
        Refusals.Required(command.EscalationId, "escalation id");
        Refusals.Required(command.By, "actor");
        Refusals.Invalid(command.Severity < 0, "severity must not be negative");
        Refusals.Invalid(command.SeverityThreshold < 0, "severity threshold must not be negative");
        Refusals.Invalid(command.DetectedAt < command.OnsetAt, "a buzz cannot be detected before its onset");
        Refusals.Invalid(command.PreviousIncidentId == command.IncidentId, "an incident cannot follow itself");
        Refusals.Invalid(command.LatePages is null || command.LatePages.Horizon <= TimeSpan.Zero, "the late-page horizon must be positive");
        ValidatePlaybook(command.Playbook);
    }

    private static void ValidatePlaybook(Playbook playbook) =>
        Refusals.Invalid(playbook is null || playbook.Stages.Count == 0, "the playbook must hold at least one stage");
}
