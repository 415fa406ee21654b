using Crisis.ServiceDefaults.Http.Validating;
using Crisis.ServiceDefaults.Security.Authorizing;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crisis.CrisisCell.Incidents.Deciding;

/// <param name="DecisionId">Chosen by the client so that a retried request records the decision once; generated when absent.</param>
public sealed record RecordDecisionRequest([property: Identifier] string? DecisionId, [property: MultiLine(2_000)] string? Decision, [property: MultiLine(10_000)] string? Rationale);

public static class RecordDecisionEndpoint
{
    public static void MapRecordDecision(this IEndpointRouteBuilder incidents) =>
        incidents.MapPost("/{id}/decisions", (string id, RecordDecisionRequest request, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            IncidentHttp.HandleAsync(session, http, new RecordDecision(id, request.DecisionId ?? Guid.NewGuid().ToString("N"),
                request.Decision ?? "", request.Rationale ?? "", IncidentHttp.Actor(http), clock.GetUtcNow()), ct))
            .WithName("RecordDecision").RequireAuthorization(CrisisPolicies.IncidentLead);
}
