namespace Crisis.CrisisCell.Incidents.Monitoring;

/// <summary>The cell has said what it had to say and now watches until the buzz subsides.</summary>
public sealed record StartMonitoring(string IncidentId, string By, DateTimeOffset Now) : IncidentCommand(IncidentId, Now);

/// <summary>Stages not reached are listed: cutting the playbook short is allowed (a false alarm), and visible.</summary>
public sealed record MonitoringStarted(string IncidentId, IReadOnlyList<string> SkippedStageIds, string StartedBy, DateTimeOffset StartedAt)
    : IncidentEvent(IncidentId);

internal static class StartingMonitoring
{
    public static IReadOnlyList<IncidentEvent> Decide(StartMonitoring command, IncidentState state)
    {
        Refusals.Required(command.By, "actor");
        var incident = Refusals.RequireOpened(state, command.IncidentId);
        return incident.Status switch
        {
            IncidentStatus.Acknowledged =>
            [
                new MonitoringStarted(command.IncidentId,
                    [.. incident.Stages.Skip(incident.CurrentStageIndex + 1).Select(s => s.StageId)], command.By, command.Now),
            ],
            IncidentStatus.Monitoring => [],
            IncidentStatus.Opened => throw Refusals.Conflict($"acknowledge incident '{command.IncidentId}' before monitoring it"),
            _ => throw Refusals.Conflict($"cannot start monitoring incident '{command.IncidentId}': it is {incident.Status}"),
        };
    }
}
