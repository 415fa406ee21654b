using System.Globalization;
using Crisis.CrisisCell.Incidents.Escalating;

namespace Crisis.CrisisCell.Incidents.CheckingDeadlines;

/// <summary>A timer asks whether any stage is past its deadline. No actor: the clock is the one asking.</summary>
public sealed record CheckDeadlines(string IncidentId, DateTimeOffset Now) : IncidentCommand(IncidentId, Now);

public sealed record StageDeadlineMissed(string IncidentId, string StageId, DateTimeOffset Deadline, DateTimeOffset NoticedAt) : IncidentEvent(IncidentId);

internal static class CheckingDeadlines
{
    /// <summary>The actor recorded on escalations the deadline check raises.</summary>
    public const string DeadlineActor = "system:stage-deadline";

    public static IReadOnlyList<IncidentEvent> Decide(CheckDeadlines command, IncidentState state)
    {
        // Deadlines only bind while the cell is still walking the playbook; a late timer on a finished incident is harmless.
        if (state is not Incident { Status: IncidentStatus.Opened or IncidentStatus.Acknowledged } incident)
            return [];

        var events = new List<IncidentEvent>();
        var level = incident.EscalationLevel;
        // Stages before the current one are done; the current one and any later one can be late (deadlines count from detection).
        foreach (var stage in incident.Stages.Skip(incident.CurrentStageIndex))
        {
            if (stage.Deadline > command.Now || incident.MissedStageIds.Contains(stage.StageId))
                continue;
            level++;
            events.Add(new StageDeadlineMissed(command.IncidentId, stage.StageId, stage.Deadline, command.Now));
            events.Add(new IncidentEscalated(command.IncidentId, level,
                string.Create(CultureInfo.InvariantCulture, $"stage '{stage.Name}' missed its deadline ({stage.Deadline:O})"),
                DeadlineActor, command.Now));
        }
        return events;
    }
}
