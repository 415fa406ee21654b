namespace Crisis.CrisisCell.Incidents.Deciding;

/// <summary>What the cell decided and why: the post-mortem reads these to judge the choices, not only the outcome.</summary>
public sealed record RecordDecision(string IncidentId, string DecisionId, string Decision, string Rationale, string By, DateTimeOffset Now)
    : IncidentCommand(IncidentId, Now);

public sealed record DecisionRecorded(string IncidentId, string DecisionId, string Decision, string Rationale, string DecidedBy, DateTimeOffset DecidedAt)
    : IncidentEvent(IncidentId);

internal static class Deciding
{
    public static IReadOnlyList<IncidentEvent> Decide(RecordDecision command, IncidentState state)
    {
        Refusals.Required(command.By, "actor");
        Refusals.Required(command.DecisionId, "decision id");
        Refusals.Required(command.Decision, "decision");
        var incident = Refusals.RequireNotClosed(state, command.IncidentId, "record a decision");
        return incident.DecisionIds.Contains(command.DecisionId)
            ? []
            : [new DecisionRecorded(command.IncidentId, command.DecisionId, command.Decision, command.Rationale ?? "", command.By, command.Now)];
    }
}
