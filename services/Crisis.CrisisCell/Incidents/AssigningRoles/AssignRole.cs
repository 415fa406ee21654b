namespace Crisis.CrisisCell.Incidents.AssigningRoles;

public sealed record AssignRole(string IncidentId, IncidentRole Role, string Assignee, string By, DateTimeOffset Now) : IncidentCommand(IncidentId, Now);

public sealed record RoleAssigned(string IncidentId, IncidentRole Role, string Assignee, string AssignedBy, DateTimeOffset AssignedAt) : IncidentEvent(IncidentId);

internal static class AssigningRoles
{
    public static IReadOnlyList<IncidentEvent> Decide(AssignRole command, IncidentState state)
    {
        Refusals.Required(command.By, "actor");
        Refusals.Required(command.Assignee, "assignee");
        Refusals.Invalid(!Enum.IsDefined(command.Role), $"unknown role '{command.Role}'");
        var incident = Refusals.RequireNotClosed(state, command.IncidentId, $"assign the {command.Role} role");
        return incident.Roles.TryGetValue(command.Role, out var current) && current == command.Assignee
            ? []
            : [new RoleAssigned(command.IncidentId, command.Role, command.Assignee, command.By, command.Now)];
    }
}
