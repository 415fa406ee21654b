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
    /// <summary>Null when the conversation is not the organisation's.</summary>
    public static async Task<(IReadOnlyList<ConversationEvent> Events, long Version)?> ClaimAsync(
        IDocumentSession session, HttpContext? http, string organisation, string actor, string id, TimeSpan lease, DateTimeOffset now, CancellationToken ct)
    {
        if (await session.LoadAsync<DeskConversation>(ConversationStreams.KeyFor(id), ct) is not { } conversation || conversation.OrganisationId != organisation) return null;
        // One person, one responder: a live claim on another thread of the same author keeps this one for its holder too.
        var other = await session.Query<DeskConversation>()
            .Where(c => c.OrganisationId == conversation.OrganisationId && c.AuthorPseudonym == conversation.AuthorPseudonym
                && c.Id != conversation.Id && c.LeaseUntil > now && c.LeaseHolder != actor)
            .Select(c => new { c.LeaseHolder, c.LeaseUntil }).FirstOrDefaultAsync(ct);
        if (other is not null)
            throw new DomainRefusalException($"{other.LeaseHolder} is answering this author in another conversation until {other.LeaseUntil:O}");
        var command = new ClaimConversation(id, actor, lease, now);
        return http is null
            ? await session.HandleAsync(ConversationStreams.KeyFor(id), ConversationDecider.Instance, command, null, ct)
            : await DeskHttp.HandleOnStreamAsync(session, http, command, ct);
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
