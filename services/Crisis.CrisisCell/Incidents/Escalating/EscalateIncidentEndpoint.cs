using Crisis.ServiceDefaults.Http.Validating;
using Crisis.ServiceDefaults.Security.Authorizing;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crisis.CrisisCell.Incidents.Escalating;

public sealed record EscalateIncidentRequest([property: Within(2, 10)] int? ToLevel, [property: MultiLine(2_000)] string? Reason);

public static class EscalateIncidentEndpoint
{
    public static void MapEscalateIncident(this IEndpointRouteBuilder incidents) =>
        incidents.MapPost("/{id}/escalate", (string id, EscalateIncidentRequest request, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            request.ToLevel is not { } level
                ? Task.FromResult(IncidentHttp.Invalid("toLevel", "is required: the on-call level to raise the incident to (2 or more)"))
                : IncidentHttp.HandleAsync(session, http, new EscalateIncident(id, level, request.Reason ?? "", IncidentHttp.Actor(http), clock.GetUtcNow()), ct))
            .WithName("EscalateIncident").RequireAuthorization(CrisisPolicies.Responder);
}
