namespace Crisis.CrisisCell.Incidents.Resolving;

public sealed record ResolveIncident(string IncidentId, string Resolution, string By, DateTimeOffset Now) : IncidentCommand(IncidentId, Now);

public sealed record IncidentResolved(string IncidentId, string Resolution, string ResolvedBy, DateTimeOffset ResolvedAt) : IncidentEvent(IncidentId);

internal static class Resolving
{
    public static IReadOnlyList<IncidentEvent> Decide(ResolveIncident command, IncidentState state)
    {
        Refusals.Required(command.By, "actor");
        Refusals.Required(command.Resolution, "resolution");
        var incident = Refusals.RequireOpened(state, command.IncidentId);
        return incident.Status switch
        {
            IncidentStatus.Acknowledged or IncidentStatus.Monitoring =>
                [new IncidentResolved(command.IncidentId, command.Resolution, command.By, command.Now)],
            IncidentStatus.Resolved => [],
            // Resolving an incident nobody owns would silence the pages without anyone having looked.
            IncidentStatus.Opened => throw Refusals.Conflict($"acknowledge incident '{command.IncidentId}' before resolving it"),
            _ => throw Refusals.Conflict($"cannot resolve incident '{command.IncidentId}': it is {incident.Status}"),
        };
    }
}
