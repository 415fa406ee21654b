namespace Crisis.CrisisCell.Incidents.WalkingThePlaybook;

/// <summary>Mark a checklist item done. Items of a later stage may be ticked early: people do what the moment needs.</summary>
public sealed record TickChecklistItem(string IncidentId, string StageId, string ItemId, string By, DateTimeOffset Now) : IncidentCommand(IncidentId, Now);

public sealed record ChecklistItemTicked(string IncidentId, string StageId, string ItemId, string TickedBy, DateTimeOffset TickedAt) : IncidentEvent(IncidentId);

internal static class TickingChecklist
{
    public static IReadOnlyList<IncidentEvent> Decide(TickChecklistItem command, IncidentState state)
    {
        Refusals.Required(command.By, "actor");
        var incident = Refusals.RequireOpened(state, command.IncidentId);
        var index = AdvancingStages.IndexOf(incident, command.StageId);
        Refusals.Invalid(index < 0, $"incident '{command.IncidentId}' has no playbook stage '{command.StageId}'");
        Refusals.Invalid(incident.Stages[index].Checklist.All(i => i.Id != command.ItemId),
            $"stage '{command.StageId}' has no checklist item '{command.ItemId}'");

        if (incident.IsTicked(command.StageId, command.ItemId))
            return [];
        if (incident.Status is IncidentStatus.Resolved or IncidentStatus.Closed)
            throw Refusals.Conflict($"cannot tick '{command.StageId}/{command.ItemId}': incident '{command.IncidentId}' is {incident.Status}");
        return [new ChecklistItemTicked(command.IncidentId, command.StageId, command.ItemId, command.By, command.Now)];
    }
}
