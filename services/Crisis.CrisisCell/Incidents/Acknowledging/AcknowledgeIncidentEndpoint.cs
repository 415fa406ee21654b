using Crisis.ServiceDefaults.Security.Authorizing;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crisis.CrisisCell.Incidents.Acknowledging;

public static class AcknowledgeIncidentEndpoint
{
    /// <summary>No body: who acknowledges is the caller, when is now.</summary>
    public static void MapAcknowledgeIncident(this IEndpointRouteBuilder incidents) =>
        incidents.MapPost("/{id}/acknowledge", (string id, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            IncidentHttp.HandleAsync(session, http, new AcknowledgeIncident(id, IncidentHttp.Actor(http), clock.GetUtcNow()), ct))
            .WithName("AcknowledgeIncident").RequireAuthorization(CrisisPolicies.Responder);
}
