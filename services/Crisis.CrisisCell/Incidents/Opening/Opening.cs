using Crisis.CrisisCell.Incidents.Reopening;
using Crisis.CrisisCell.Playbooks;

namespace Crisis.CrisisCell.Incidents.Opening;

internal static class Opening
{
    public static IReadOnlyList<IncidentEvent> Decide(OpenIncidentFromBuzz command, IncidentState state)
    {
        Validate(command);
        if (state is not Incident incident)
        {
            // Below the brand's threshold the detector's page is noise for the cell: nothing opens, nothing is refused.
            if (command.Severity < command.SeverityThreshold)
                return [];
            return
            [
                new IncidentOpened(command.IncidentId, command.OrganisationId, command.BrandId,
                    $"Bad buzz on {command.BrandId}", IncidentSource.Buzz, command.EpisodeId, command.EscalationId,
                    command.Severity, command.OnsetAt, command.DetectedAt, command.Evidence,
                    ScheduledStage.From(command.Playbook, command.DetectedAt), command.PreviousIncidentId, command.By, command.Now),
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

        var recorded = new BuzzEscalationRecorded(command.IncidentId, command.EscalationId, command.Severity,
            command.DetectedAt, command.Evidence, command.By, command.Now);
        // The buzz flared again before the post-mortem: the same incident comes back to life and pages again.
        return incident.Status == IncidentStatus.Resolved
            ? [recorded, new IncidentReopened(command.IncidentId, $"buzz escalated again ({command.EscalationId})", command.By, command.Now)]
            : [recorded];
    }

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
        ValidatePlaybook(command.Playbook);
    }

    private static void ValidatePlaybook(Playbook playbook) =>
        Refusals.Invalid(playbook is null || playbook.Stages.Count == 0, "the playbook must hold at least one stage");
}
