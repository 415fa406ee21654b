using System.Security.Claims;
using Crisis.CrisisCell.Desk.Queue;
using Crisis.CrisisCell.Incidents;
using Crisis.ServiceDefaults.EventSourcing;
using Crisis.ServiceDefaults.Security.Authorizing;
using Marten;
using Microsoft.AspNetCore.Http;

namespace Crisis.CrisisCell.Desk;

/// <summary>
/// The one place that decides whether a caller may see or act on a conversation, and how every desk command is handled.
/// Another organisation's conversation is answered like a missing one (404), so its existence is not revealed.
/// </summary>
public static class DeskHttp
{
    public static async Task<DeskConversation?> FindAsync(IQuerySession session, ClaimsPrincipal caller, string conversationId, CancellationToken ct) =>
        await session.LoadAsync<DeskConversation>(ConversationStreams.KeyFor(conversationId), ct) is { } found
        && found.OrganisationId == caller.RequiredOrganisation() ? found : null;

    /// <summary>Handles the command on the conversation's stream (the caller's organisation's only) and answers with the new version.</summary>
    public static async Task<IResult> HandleAsync(IDocumentSession session, HttpContext http, ConversationCommand command, CancellationToken ct)
    {
        if (await FindAsync(session, http.User, command.ConversationId, ct) is null) return NotFound(command.ConversationId);
        var (events, version) = await HandleOnStreamAsync(session, http, command, ct);
        http.Response.Headers.ETag = IncidentHttp.ETag(version);
        return Results.Ok(new DeskCommandResult(command.ConversationId, version, [.. events.Select(ConversationEventNames.Of)]));
    }

    /// <summary>
    /// Without If-Match a lost race with the intake (a post joining the thread) is decided again on fresh state; with If-Match
    /// the 409 stands. A claim race is decided by the stream's version too: of two claims only one can append on the version read.
    /// </summary>
    public static async Task<(IReadOnlyList<ConversationEvent> Events, long Version)> HandleOnStreamAsync(
        IDocumentSession session, HttpContext http, ConversationCommand command, CancellationToken ct)
    {
        var key = ConversationStreams.KeyFor(command.ConversationId);
        var expected = IncidentHttp.ExpectedVersion(http);
        try
        {
            return await session.HandleAsync(key, ConversationDecider.Instance, command, expected, ct);
        }
        catch (JasperFx.ConcurrencyException) when (expected is null)
        {
            await using var retry = session.DocumentStore.LightweightSession();
            Crisis.ServiceDefaults.Security.Auditing.RequestStamp.Apply(retry, http);
            return await retry.HandleAsync(key, ConversationDecider.Instance, command, expectedVersion: null, ct);
        }
    }

    /// <summary>The conversation's state as the decider sees it now, for the checks made before something leaves the desk.</summary>
    public static async Task<ConversationState> LoadStateAsync(IQuerySession session, string conversationId, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(ConversationStreams.KeyFor(conversationId), token: ct);
        return ConversationDecider.Instance.Fold(events.Select(e => e.Data).OfType<ConversationEvent>());
    }

    public static IResult NotFound(string id) =>
        Results.Problem(title: "No such conversation", detail: $"conversation '{id}' does not exist", statusCode: StatusCodes.Status404NotFound,
            extensions: new Dictionary<string, object?> { ["field"] = "id" });

    public static IResult Invalid(string field, string problem) => IncidentHttp.Invalid(field, problem);

    /// <summary>Refusals thrown by the pure checks become problems like the decider's (the exception handler maps them).</summary>
    public static DomainRefusalException Refused(string message) => new(message);
}

/// <summary>The answer to a desk command: the conversation's version after it, and the events it recorded (none when already applied).</summary>
public sealed record DeskCommandResult(string ConversationId, long Version, IReadOnlyList<string> Recorded);
