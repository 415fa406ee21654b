namespace Crisis.CrisisCell.Incidents.Closing;

/// <summary>Close a resolved incident once its post-mortem is done; the post-mortem's summary or link is required.</summary>
public sealed record CloseIncident(string IncidentId, string PostMortem, string By, DateTimeOffset Now) : IncidentCommand(IncidentId, Now);

public sealed record IncidentClosed(string IncidentId, string PostMortem, string ClosedBy, DateTimeOffset ClosedAt) : IncidentEvent(IncidentId);

internal static class Closing
{
    public static IReadOnlyList<IncidentEvent> Decide(CloseIncident command, IncidentState state)
    {
        Refusals.Required(command.By, "actor");
        Refusals.Required(command.PostMortem, "post-mortem");
        var incident = Refusals.RequireOpened(state, command.IncidentId);
        return incident.Status switch
        {
            IncidentStatus.Resolved => [new IncidentClosed(command.IncidentId, command.PostMortem, command.By, command.Now)],
            IncidentStatus.Closed => [],
            _ => throw Refusals.Conflict($"resolve incident '{command.IncidentId}' before closing it (it is {incident.Status})"),
        };
    }
}
