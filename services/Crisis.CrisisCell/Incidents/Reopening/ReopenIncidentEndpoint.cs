using Crisis.ServiceDefaults.Http.Validating;
using Crisis.ServiceDefaults.Security.Authorizing;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crisis.CrisisCell.Incidents.Reopening;

public sealed record ReopenIncidentRequest([property: MultiLine(2_000)] string? Reason);

public static class ReopenIncidentEndpoint
{
    public static void MapReopenIncident(this IEndpointRouteBuilder incidents) =>
        incidents.MapPost("/{id}/reopen", (string id, ReopenIncidentRequest request, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            IncidentHttp.HandleAsync(session, http, new ReopenIncident(id, request.Reason ?? "", IncidentHttp.Actor(http), clock.GetUtcNow()), ct))
            .WithName("ReopenIncident").RequireAuthorization(CrisisPolicies.IncidentLead);
}
