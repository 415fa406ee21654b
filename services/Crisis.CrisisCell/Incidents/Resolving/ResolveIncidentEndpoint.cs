using Crisis.ServiceDefaults.Http.Validating;
using Crisis.ServiceDefaults.Security.Authorizing;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crisis.CrisisCell.Incidents.Resolving;

public sealed record ResolveIncidentRequest([property: MultiLine(10_000)] string? Resolution);

public static class ResolveIncidentEndpoint
{
    public static void MapResolveIncident(this IEndpointRouteBuilder incidents) =>
        incidents.MapPost("/{id}/resolve", (string id, ResolveIncidentRequest request, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            IncidentHttp.HandleAsync(session, http, new ResolveIncident(id, request.Resolution ?? "", IncidentHttp.Actor(http), clock.GetUtcNow()), ct))
            .WithName("ResolveIncident").RequireAuthorization(CrisisPolicies.IncidentLead);
}
