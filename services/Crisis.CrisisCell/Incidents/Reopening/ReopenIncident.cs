namespace Crisis.CrisisCell.Incidents.Reopening;

public sealed record ReopenIncident(string IncidentId, string Reason, string By, DateTimeOffset Now) : IncidentCommand(IncidentId, Now);

/// <summary>A resolved incident is live again: it needs acknowledging anew, so the on-call chain is paged again.</summary>
public sealed record IncidentReopened(string IncidentId, string Reason, string ReopenedBy, DateTimeOffset ReopenedAt) : IncidentEvent(IncidentId);

internal static class Reopening
{
    public static IReadOnlyList<IncidentEvent> Decide(ReopenIncident command, IncidentState state)
    {
        Refusals.Required(command.By, "actor");
        Refusals.Required(command.Reason, "reason");
        var incident = Refusals.RequireOpened(state, command.IncidentId);
        return incident.Status switch
        {
            IncidentStatus.Resolved => [new IncidentReopened(command.IncidentId, command.Reason, command.By, command.Now)],
            // Already live: nothing to reopen.
            IncidentStatus.Opened or IncidentStatus.Acknowledged or IncidentStatus.Monitoring => [],
            _ => throw Refusals.Conflict(
                $"incident '{command.IncidentId}' is closed (post-mortem done): open a new incident with PreviousIncidentId '{command.IncidentId}'"),
        };
    }
}
