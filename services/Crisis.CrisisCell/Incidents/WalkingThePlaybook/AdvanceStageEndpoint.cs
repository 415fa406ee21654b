using Crisis.ServiceDefaults.Http.Validating;
using Crisis.ServiceDefaults.Security.Authorizing;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crisis.CrisisCell.Incidents.WalkingThePlaybook;

public sealed record AdvanceStageRequest([property: Identifier] string? ToStageId);

public static class AdvanceStageEndpoint
{
    public static void MapAdvanceStage(this IEndpointRouteBuilder incidents) =>
        incidents.MapPost("/{id}/advance", (string id, AdvanceStageRequest request, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            IncidentHttp.HandleAsync(session, http, new AdvanceStage(id, request.ToStageId ?? "", IncidentHttp.Actor(http), clock.GetUtcNow()), ct))
            .WithName("AdvanceStage").RequireAuthorization(CrisisPolicies.Responder);
}
