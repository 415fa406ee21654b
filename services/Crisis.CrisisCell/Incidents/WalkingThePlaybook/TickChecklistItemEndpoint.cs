using Crisis.ServiceDefaults.Http.Validating;
using Crisis.ServiceDefaults.Security.Authorizing;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crisis.CrisisCell.Incidents.WalkingThePlaybook;

public sealed record TickChecklistItemRequest([property: Identifier] string? StageId, [property: Identifier] string? ItemId);

public static class TickChecklistItemEndpoint
{
    public static void MapTickChecklistItem(this IEndpointRouteBuilder incidents) =>
        incidents.MapPost("/{id}/checklist", (string id, TickChecklistItemRequest request, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            IncidentHttp.HandleAsync(session, http,
                new TickChecklistItem(id, request.StageId ?? "", request.ItemId ?? "", IncidentHttp.Actor(http), clock.GetUtcNow()), ct))
            .WithName("TickChecklistItem").RequireAuthorization(CrisisPolicies.Responder);
}
