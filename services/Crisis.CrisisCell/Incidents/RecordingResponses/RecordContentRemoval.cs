namespace Crisis.CrisisCell.Incidents.RecordingResponses;

/// <summary>Content was removed or hidden. Allowed (sometimes the law demands it), never silent.</summary>
public sealed record RecordContentRemoval(string IncidentId, string Channel, Uri Url, string Reason, string By, DateTimeOffset Now)
    : IncidentCommand(IncidentId, Now);

/// <summary>The removal, with the doctrine's warning attached so the timeline and the post-mortem show it.</summary>
public sealed record ContentRemovalRecorded(
    string IncidentId, string Channel, Uri Url, string Reason, string Warning, string RecordedBy, DateTimeOffset RecordedAt)
    : IncidentEvent(IncidentId);

internal static class RecordingContentRemovals
{
    public const string StreisandWarning =
        "Removing or hiding content usually amplifies a bad buzz (Streisand effect): expect more spread, and explain publicly why it was removed.";

    public static IReadOnlyList<IncidentEvent> Decide(RecordContentRemoval command, IncidentState state)
    {
        Refusals.Required(command.By, "actor");
        Refusals.Required(command.Channel, "channel");
        Refusals.Required(command.Reason, "reason for the removal");
        Refusals.Invalid(command.Url is null || !command.Url.IsAbsoluteUri, "the removed content's url must be absolute");
        var incident = Refusals.RequireNotClosed(state, command.IncidentId, "record a content removal");
        return incident.ContentRemovals.Any(r => r.Url == command.Url)
            ? []
            : [new ContentRemovalRecorded(command.IncidentId, command.Channel, command.Url!, command.Reason, StreisandWarning, command.By, command.Now)];
    }
}
