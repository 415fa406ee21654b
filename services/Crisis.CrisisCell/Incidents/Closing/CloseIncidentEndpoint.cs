using Crisis.ServiceDefaults.Http.Validating;
using Crisis.ServiceDefaults.Security.Authorizing;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crisis.CrisisCell.Incidents.Closing;

public sealed record CloseIncidentRequest([property: MultiLine(100_000)] string? PostMortem);

public static class CloseIncidentEndpoint
{
    public static void MapCloseIncident(this IEndpointRouteBuilder incidents) =>
        incidents.MapPost("/{id}/close", (string id, CloseIncidentRequest request, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            IncidentHttp.HandleAsync(session, http, new CloseIncident(id, request.PostMortem ?? "", IncidentHttp.Actor(http), clock.GetUtcNow()), ct))
            .WithName("CloseIncident").RequireAuthorization(CrisisPolicies.IncidentLead);
}
