namespace Crisis.CrisisCell.Incidents.WalkingThePlaybook;

/// <summary>Move to the named stage. Naming the target (not "next") makes a double click harmless.</summary>
public sealed record AdvanceStage(string IncidentId, string ToStageId, string By, DateTimeOffset Now) : IncidentCommand(IncidentId, Now);

/// <summary>
/// The cell moved on. Unticked items of the stage left behind are recorded rather than refused: in a crisis the
/// cell may rightly skip a step, and the post-mortem wants to know which.
/// </summary>
public sealed record StageAdvanced(
    string IncidentId, string FromStageId, string ToStageId, IReadOnlyList<string> UntickedItems, string AdvancedBy, DateTimeOffset AdvancedAt)
    : IncidentEvent(IncidentId);

internal static class AdvancingStages
{
    public static IReadOnlyList<IncidentEvent> Decide(AdvanceStage command, IncidentState state)
    {
        Refusals.Required(command.By, "actor");
        Refusals.Required(command.ToStageId, "stage id");
        var incident = Refusals.RequireOpened(state, command.IncidentId);
        var target = IndexOf(incident, command.ToStageId);
        Refusals.Invalid(target < 0, $"incident '{command.IncidentId}' has no playbook stage '{command.ToStageId}'");

        if (target <= incident.CurrentStageIndex && incident.Status is IncidentStatus.Acknowledged)
            return [];
        if (incident.Status != IncidentStatus.Acknowledged)
            throw Refusals.Conflict(incident.Status == IncidentStatus.Opened
                ? $"acknowledge incident '{command.IncidentId}' before walking its playbook"
                : $"cannot advance incident '{command.IncidentId}' to stage '{command.ToStageId}': it is {incident.Status}");
        if (target > incident.CurrentStageIndex + 1)
            throw Refusals.Conflict(
                $"stages are walked in order: incident '{command.IncidentId}' is at '{incident.Stages[incident.CurrentStageIndex].StageId}', next is '{incident.Stages[incident.CurrentStageIndex + 1].StageId}'");

        var from = incident.Stages[incident.CurrentStageIndex];
        return [new StageAdvanced(command.IncidentId, from.StageId, command.ToStageId, incident.UntickedItems(from), command.By, command.Now)];
    }

    internal static int IndexOf(Incident incident, string stageId)
    {
        for (var i = 0; i < incident.Stages.Count; i++)
        {
            if (incident.Stages[i].StageId == stageId)
                return i;
        }
        return -1;
    }
}
