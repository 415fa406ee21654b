namespace Crisis.CrisisCell.Incidents.Noting;

/// <summary>A note on the incident's timeline. The caller picks the note id, so a retried request adds it once.</summary>
public sealed record AddNote(string IncidentId, string NoteId, string Text, string By, DateTimeOffset Now) : IncidentCommand(IncidentId, Now);

public sealed record NoteAdded(string IncidentId, string NoteId, string Text, string AddedBy, DateTimeOffset AddedAt) : IncidentEvent(IncidentId);

internal static class Noting
{
    public static IReadOnlyList<IncidentEvent> Decide(AddNote command, IncidentState state)
    {
        Refusals.Required(command.By, "actor");
        Refusals.Required(command.NoteId, "note id");
        Refusals.Required(command.Text, "note text");
        var incident = Refusals.RequireNotClosed(state, command.IncidentId, "add a note");
        return incident.NoteIds.Contains(command.NoteId)
            ? []
            : [new NoteAdded(command.IncidentId, command.NoteId, command.Text, command.By, command.Now)];
    }
}
