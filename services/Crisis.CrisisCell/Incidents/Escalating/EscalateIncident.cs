using System.Globalization;

namespace Crisis.CrisisCell.Incidents.Escalating;

/// <summary>Raise the incident to an on-call level. Naming the target level (not "one more") makes a retry harmless.</summary>
public sealed record EscalateIncident(string IncidentId, int ToLevel, string Reason, string By, DateTimeOffset Now) : IncidentCommand(IncidentId, Now);

public sealed record IncidentEscalated(string IncidentId, int Level, string Reason, string EscalatedBy, DateTimeOffset EscalatedAt) : IncidentEvent(IncidentId);

internal static class Escalating
{
    public static IReadOnlyList<IncidentEvent> Decide(EscalateIncident command, IncidentState state)
    {
        Refusals.Required(command.By, "actor");
        Refusals.Required(command.Reason, "reason");
        Refusals.Invalid(command.ToLevel < 2, "an escalation targets level 2 or above (level 1 is paged on opening)");
        var incident = Refusals.RequireOpened(state, command.IncidentId);
        if (incident.Status is IncidentStatus.Resolved or IncidentStatus.Closed)
            throw Refusals.Conflict(string.Create(CultureInfo.InvariantCulture,
                $"cannot escalate incident '{command.IncidentId}' to level {command.ToLevel}: it is {incident.Status}"));
        return incident.EscalationLevel >= command.ToLevel
            ? []
            : [new IncidentEscalated(command.IncidentId, command.ToLevel, command.Reason, command.By, command.Now)];
    }
}
