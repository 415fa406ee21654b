namespace Crisis.CrisisCell.Incidents.Acknowledging;

public sealed record AcknowledgeIncident(string IncidentId, string By, DateTimeOffset Now) : IncidentCommand(IncidentId, Now);

public sealed record IncidentAcknowledged(string IncidentId, string AcknowledgedBy, DateTimeOffset AcknowledgedAt) : IncidentEvent(IncidentId);

internal static class Acknowledging
{
    public static IReadOnlyList<IncidentEvent> Decide(AcknowledgeIncident command, IncidentState state)
    {
        Refusals.Required(command.By, "actor");
        var incident = Refusals.RequireOpened(state, command.IncidentId);
        return incident.Status switch
        {
            IncidentStatus.Opened => [new IncidentAcknowledged(command.IncidentId, command.By, command.Now)],
            // Two responders answering the same page both succeed; the first one owns it.
            IncidentStatus.Acknowledged or IncidentStatus.Monitoring => [],
            _ => throw Refusals.Conflict($"cannot acknowledge incident '{command.IncidentId}': it is {incident.Status}"),
        };
    }
}
