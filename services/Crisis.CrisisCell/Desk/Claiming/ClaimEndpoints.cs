using Crisis.CrisisCell.Desk.Configuring;
using Crisis.CrisisCell.Desk.Queue;
using Crisis.ServiceDefaults.EventSourcing;
using Crisis.ServiceDefaults.Http.Validating;
using Crisis.ServiceDefaults.Security.Authorizing;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Crisis.CrisisCell.Desk.Claiming;

/// <param name="Minutes">How long to hold it; the organisation's default (Desk:ClaimMinutes) when absent.</param>
public sealed record ClaimRequest([property: Within(1, 120)] int? Minutes);

/// <summary>Claiming as the endpoint does it (the benchmark measures this).</summary>
public static class ClaimingService
{
    /// <summary>
    /// Null when the conversation is not the organisation's. Three round trips: the stream (its state says whose it is and
    /// whose author), the author's other live claims, the commit. Without an expected version a lost race is decided again
    /// once on fresh state (the other claim then stands: 409); with one, the 409 stands at once.
    /// </summary>
    public static async Task<(IReadOnlyList<ConversationEvent> Events, long Version)?> ClaimAsync(
        IDocumentSession session, HttpContext? http, string organisation, string actor, string id, TimeSpan lease, DateTimeOffset now, CancellationToken ct)
    {
        var expected = http is null ? null : Incidents.IncidentHttp.ExpectedVersion(http);
        try
        {
            return await ClaimOnceAsync(session, organisation, actor, id, lease, now, expected, ct);
        }
        catch (JasperFx.ConcurrencyException) when (expected is null)
        {
            await using var retry = session.DocumentStore.LightweightSession();
            if (http is not null) Crisis.ServiceDefaults.Security.Auditing.RequestStamp.Apply(retry, http);
            return await ClaimOnceAsync(retry, organisation, actor, id, lease, now, null, ct);
        }
    }

    private static async Task<(IReadOnlyList<ConversationEvent> Events, long Version)?> ClaimOnceAsync(
        IDocumentSession session, string organisation, string actor, string id, TimeSpan lease, DateTimeOffset now, long? expected, CancellationToken ct)
    {
        var key = ConversationStreams.KeyFor(id);
        var stream = await session.Events.FetchForWriting<DeciderState<ConversationState>>(key, ct);
        if (stream.Aggregate?.State is not Conversation conversation || conversation.OrganisationId != organisation) return null;
        // The If-Match is compared only once the conversation is known to be the caller's: another organisation's gets its 404.
        if (expected is { } version && stream.CurrentVersion != version)
            throw new DomainRefusalException($"conversation '{id}' is at version {stream.CurrentVersion}, not {version}: someone changed it first, reload and retry");
        // One person, one responder: a live claim on another thread of the same author keeps this one for its holder too.
        var other = await session.Query<DeskConversation>()
            .Where(c => c.OrganisationId == organisation && c.AuthorPseudonym == conversation.AuthorPseudonym
                && c.Id != key && c.LeaseUntil > now && c.LeaseHolder != actor)
            .Select(c => new { c.LeaseHolder, c.LeaseUntil }).FirstOrDefaultAsync(ct);
        if (other is not null)
            throw new DomainRefusalException($"{other.LeaseHolder} is answering this author in another conversation until {other.LeaseUntil:O}");
        var events = ConversationDecider.Decide(new ClaimConversation(id, actor, lease, now), conversation);
        if (events.Count == 0) return (events, stream.CurrentVersion ?? 0);
        stream.AppendMany(events.Cast<object>().ToArray());
        await session.SaveChangesAsync(ct);
        return (events, (stream.StartingVersion ?? 0) + events.Count);
    }
}

public static class ClaimEndpoints
{
    public static void MapClaiming(this IEndpointRouteBuilder desk)
    {
        desk.MapPost("/conversations/{id}/claim", async (string id, ClaimRequest? request, IDocumentSession session, TimeProvider clock,
            IOptions<DeskOptions> options, HttpContext http, CancellationToken ct) =>
        {
            var lease = TimeSpan.FromMinutes(request?.Minutes ?? options.Value.ClaimMinutes);
            var claimed = await ClaimingService.ClaimAsync(session, http, http.User.RequiredOrganisation(), http.User.Actor(), id, lease, clock.GetUtcNow(), ct);
            if (claimed is not { } result) return DeskHttp.NotFound(id);
            var (events, version) = result;
            http.Response.Headers.ETag = Incidents.IncidentHttp.ETag(version);
            return Results.Ok(new DeskCommandResult(id, version, [.. events.Select(ConversationEventNames.Of)]));
        }).WithName("ClaimConversation").RequireAuthorization(CrisisPolicies.Responder);

        desk.MapPost("/conversations/{id}/release", (string id, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            DeskHttp.HandleAsync(session, http, new ReleaseConversation(id, http.User.Actor(), clock.GetUtcNow()), ct))
            .WithName("ReleaseConversation").RequireAuthorization(CrisisPolicies.Responder);
    }
}
