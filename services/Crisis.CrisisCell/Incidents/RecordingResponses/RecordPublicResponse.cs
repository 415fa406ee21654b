namespace Crisis.CrisisCell.Incidents.RecordingResponses;

/// <summary>A statement the brand published. Its URL identifies it, so recording the same post twice records it once.</summary>
public sealed record RecordPublicResponse(
    string IncidentId, string Channel, Uri Url, string Text, string Language, DateTimeOffset PublishedAt, string By, DateTimeOffset Now)
    : IncidentCommand(IncidentId, Now);

public sealed record PublicResponseRecorded(
    string IncidentId, string Channel, Uri Url, string Text, string Language, DateTimeOffset PublishedAt, string RecordedBy, DateTimeOffset RecordedAt)
    : IncidentEvent(IncidentId);

internal static class RecordingPublicResponses
{
    public static IReadOnlyList<IncidentEvent> Decide(RecordPublicResponse command, IncidentState state)
    {
        Refusals.Required(command.By, "actor");
        Refusals.Required(command.Channel, "channel");
        Refusals.Required(command.Text, "response text");
        Refusals.Required(command.Language, "language");
        Refusals.Invalid(command.Url is null || !command.Url.IsAbsoluteUri, "the response url must be absolute");
        Refusals.Invalid(command.PublishedAt > command.Now, "a response cannot be recorded as published in the future");
        var incident = Refusals.RequireNotClosed(state, command.IncidentId, "record a public response");
        return incident.PublicResponses.Any(r => r.Url == command.Url)
            ? []
            : [new PublicResponseRecorded(command.IncidentId, command.Channel, command.Url!, command.Text, command.Language,
                command.PublishedAt, command.By, command.Now)];
    }
}
